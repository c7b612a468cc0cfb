using FluxSpecs.Providers;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using FluxSpecs.Mapping;
using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Benchmarks.Mapping;

/// <summary>
/// Row 2: the provider JSON of a fully populated FLUX.2 [pro] request (<see cref="FullRequests"/>). <c>CreatePayload</c>
/// is what users call (validation for the provider, then mapping); <c>MappingOnly</c> calls the generated mapper alone,
/// through a delegate to its private method, without validation. The baselines write the same bytes.
/// </summary>
[MemoryDiagnoser]
public class MapperBenchmarks
{
    private Flux2ProRequest _request = null!;
    private Func<Flux2ProRequest, ProviderDefinition, IReadOnlyList<string>, ProviderPayload> _map = null!;
    private ProviderDefinition _provider = null!;

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = ProviderIds.Bfl;

    public static IEnumerable<string> Providers => FullRequests.Providers;

    [GlobalSetup]
    public void Setup()
    {
        _request = FullRequests.For(Provider);
        var validation = _request.Validate(Provider);
        if (!validation.IsValid || validation.Warnings.Count > 0)
        {
            throw new InvalidOperationException($"The {Provider} request must be valid without warnings: {validation} {string.Join("; ", validation.Warnings)}");
        }

        _map = MapperOf(Provider);
        _provider = ProviderRegistry.Get(Provider);
        var product = _request.CreatePayload(Provider).GetJsonText();
        Same(product, _map(_request, _provider, []).GetJsonText(), "the mapper alone");
        Same(product, System.Text.Encoding.UTF8.GetString(DictionaryBodies.Write(Provider, _request)), "the dictionary baseline");
        Same(product, System.Text.Encoding.UTF8.GetString(HandWrittenBodies.Write(Provider, _request).Span), "the hand-written baseline");
    }

    [Benchmark(Baseline = true)]
    public byte[] DictionaryJson() => DictionaryBodies.Write(Provider, _request);

    [Benchmark]
    public ReadOnlyMemory<byte> HandWrittenWriter() => HandWrittenBodies.Write(Provider, _request);

    [Benchmark]
    public ProviderPayload CreatePayload() => _request.CreatePayload(Provider);

    [Benchmark]
    public ProviderPayload MappingOnly() => _map(_request, _provider, []);

    /// <summary>The generated <c>Map{Provider}</c> method, private to the request type, as a delegate.</summary>
    internal static Func<Flux2ProRequest, ProviderDefinition, IReadOnlyList<string>, ProviderPayload> MapperOf(string providerId)
    {
        var name = "Map" + string.Concat(providerId.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
        var method = typeof(Flux2ProRequest).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"The generated mapper {name} was not found.");
        return method.CreateDelegate<Func<Flux2ProRequest, ProviderDefinition, IReadOnlyList<string>, ProviderPayload>>();
    }

    private void Same(string expected, string actual, string what)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"{Provider}: {what} writes a different body.{Environment.NewLine}generated: {expected}{Environment.NewLine}{what}: {actual}");
        }
    }
}
