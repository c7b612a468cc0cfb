using System.ComponentModel.DataAnnotations;
using BenchmarkDotNet.Attributes;
using FluxSpecs.Benchmarks.Mapping;
using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Benchmarks.Validation;

/// <summary>
/// Row 3: validating a fully populated, valid FLUX.2 [pro] request against the model and BFL
/// (<c>Validate("bfl")</c>), against <see cref="Validator.TryValidateObject(object, ValidationContext, ICollection{ValidationResult}?, bool)"/>
/// over an equivalent annotated class.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private Flux2ProRequest _request = null!;
    private AnnotatedBflRequest _annotated = null!;

    [GlobalSetup]
    public void Setup()
    {
        _request = FullRequests.For(ProviderIds.Bfl);
        _annotated = new AnnotatedBflRequest
        {
            Prompt = _request.Prompt,
            InputImages = [.. _request.InputImages!.Select(i => i.Url!)],
            AspectRatio = _request.AspectRatio!.Value.ToWireValue(),
            Width = _request.Width,
            Height = _request.Height,
            Seed = _request.Seed,
            SafetyTolerance = _request.SafetyTolerance,
            OutputFormat = _request.OutputFormat!.Value.ToWireValue(),
            WebhookUrl = _request.Bfl!.WebhookUrl,
            WebhookSecret = _request.Bfl.WebhookSecret,
        };
        if (!Generated() || !DataAnnotations())
        {
            throw new InvalidOperationException("Both requests must be valid.");
        }

        // Both must find the same mistakes, or they are not equivalent.
        Expect(_request with { Width = 1000 }, Copy(width: 1000, safetyTolerance: _annotated.SafetyTolerance));
        Expect(_request with { SafetyTolerance = 6 }, Copy(width: _annotated.Width, safetyTolerance: 6));
    }

    [Benchmark(Baseline = true)]
    public bool DataAnnotations() => Validator.TryValidateObject(_annotated, new ValidationContext(_annotated), null, validateAllProperties: true);

    [Benchmark]
    public bool Generated() => _request.Validate(ProviderIds.Bfl).IsValid;

    private AnnotatedBflRequest Copy(int? width, int? safetyTolerance) => new()
    {
        Prompt = _annotated.Prompt,
        InputImages = _annotated.InputImages,
        AspectRatio = _annotated.AspectRatio,
        Width = width,
        Height = _annotated.Height,
        Seed = _annotated.Seed,
        SafetyTolerance = safetyTolerance,
        OutputFormat = _annotated.OutputFormat,
        WebhookUrl = _annotated.WebhookUrl,
        WebhookSecret = _annotated.WebhookSecret,
    };

    private static void Expect(Flux2ProRequest generated, AnnotatedBflRequest annotated)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(annotated, new ValidationContext(annotated), results, validateAllProperties: true);
        var generatedCount = generated.Validate(ProviderIds.Bfl).Violations.Count;
        if (generatedCount != 1 || results.Count != 1)
        {
            throw new InvalidOperationException($"Expected one violation from each; generated {generatedCount}, DataAnnotations {results.Count}.");
        }
    }
}
