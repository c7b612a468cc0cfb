using FluxSpecs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static FluxSpecs.Generator.Tests.Infrastructure.RequestValueVerifier;

namespace FluxSpecs.Generator.Tests.Analysis;

/// <summary>
/// Constants written in a provider-options record (a card's <c>extra</c> parameters of one provider) are checked against
/// that record's own limits, read from the same rule attributes as a request's; the parameter is named
/// <c>provider.name</c>, as the CLI names it.
/// </summary>
public sealed class ProviderOptionsAnalyzerTests
{
    /// <summary>A card of this test's own: its fal-only parameters have every kind of limit the analyzer checks.</summary>
    private static readonly InMemoryAdditionalText OptionsCard = new("/cards/options-model.model.yaml", """
        id: options-model
        name: Options Model
        parameters:
          prompt: { type: string, required: true }
        providers:
          fal:
            model: acme/options-model
            extra:
              steps: { type: integer, min: 4, max: 50, default: 28 }
              guidance_scale: { type: number, min: 0, max: 20 }
              label: { type: string, max_length: 8 }
        """);

    private static Task VerifyWithCardAsync(string statements, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest
        {
            TestCode = $$"""
                using FluxSpecs.Models.OptionsModel;

                static class UserCode
                {
                    static void Run(int someSteps, OptionsModelFalOptions existing)
                    {
                        {{statements}}
                    }
                }
                """,
            Cards = [OptionsCard],
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Fal(string id, int location, string parameter, string value, string rule) =>
        Diagnostic(id, location, "options-model", "fal." + parameter, value, rule).WithSeverity(DiagnosticSeverity.Error);

    [Fact]
    public async Task A_value_out_of_range_in_the_options_of_a_request_is_an_error()
    {
        await VerifyWithCardAsync(
            """var r = new OptionsModelRequest { Prompt = "x", Fal = new OptionsModelFalOptions { Steps = {|#0:60|} } };""",
            Fal("FSPEC1001", 0, "steps", "60", "between 4 and 50"));
    }

    [Fact]
    public async Task Options_built_on_their_own_are_checked_too()
    {
        await VerifyWithCardAsync(
            """var fal = new OptionsModelFalOptions { GuidanceScale = {|#0:25.5|}, Label = {|#1:"nine char"|} };""",
            Fal("FSPEC1001", 0, "guidance_scale", "25.5", "between 0 and 20"),
            Fal("FSPEC1003", 1, "label", "9 characters", "at most 8 characters"));
    }

    [Fact]
    public async Task An_assignment_and_a_with_expression_on_options_are_checked()
    {
        await VerifyWithCardAsync(
            """
            existing.Steps = {|#0:2|};
            var other = existing with { Steps = {|#1:51|} };
            """,
            Fal("FSPEC1001", 0, "steps", "2", "between 4 and 50"),
            Fal("FSPEC1001", 1, "steps", "51", "between 4 and 50"));
    }

    [Theory]
    [InlineData("""var r = new OptionsModelRequest { Prompt = "x", Fal = new OptionsModelFalOptions { Steps = 4, GuidanceScale = 20, Label = "8 chars!" } };""")]
    [InlineData("""var fal = new OptionsModelFalOptions { Steps = someSteps, GuidanceScale = 0 };""")]
    [InlineData("""existing.Steps = 50;""")]
    public async Task Values_within_the_limits_and_values_it_cannot_know_are_not_reported(string statements)
    {
        await VerifyWithCardAsync(statements);
    }

    [Fact]
    public async Task Options_of_a_referenced_model_are_checked_from_its_metadata()
    {
        // FluxSpecs.Models compiled, as a package consumer has it: the rules come from the attributes in the assembly.
        await VerifyAsync(
            Usings + """
            static class UserCode
            {
                static void Run() =>
                    _ = new FluxSpecs.Models.Flux2Dev.Flux2DevRequest
                    {
                        Prompt = "x",
                        Fal = new FluxSpecs.Models.Flux2Dev.Flux2DevFalOptions { NumInferenceSteps = {|#0:60|} },
                    };
            }
            """,
            Diagnostic("FSPEC1001", 0, "flux-2-dev", "fal.num_inference_steps", "60", "between 4 and 50").WithSeverity(DiagnosticSeverity.Error));
    }
}
