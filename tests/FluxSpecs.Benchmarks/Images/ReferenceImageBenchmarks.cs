using BenchmarkDotNet.Attributes;

namespace FluxSpecs.Benchmarks.Images;

/// <summary>
/// Row 4, time and allocations: eight local images of <see cref="MegabytesPerImage"/> MB each sent to BFL (base64 data
/// URIs in the JSON body) over loopback, FluxSpecs' path against the naive one. Peak memory, which BenchmarkDotNet does not
/// measure, comes from <see cref="PeakMemoryMeasurement"/>.
/// </summary>
[MemoryDiagnoser]
public class ReferenceImageBenchmarks
{
    private ReferenceUpload _upload = null!;

    [Params(1, 8)]
    public int MegabytesPerImage { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _upload = new ReferenceUpload(ProviderIds.Bfl, images: 8, bytesPerImage: MegabytesPerImage * 1024 * 1024);
        _upload.CheckSameBodyLengthAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _upload.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public Task Naive() => _upload.SendNaiveAsync();

    [Benchmark]
    public Task Product() => _upload.SendProductAsync();
}
