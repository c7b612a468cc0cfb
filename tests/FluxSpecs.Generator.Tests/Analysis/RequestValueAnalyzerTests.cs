using FluxSpecs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static FluxSpecs.Generator.Tests.Infrastructure.RequestValueVerifier;

namespace FluxSpecs.Generator.Tests.Analysis;

/// <summary>
/// Constant request values that break a card rule are reported where they are written (the markup <c>{|#n:…|}</c>), with
/// the message's model, parameter, value and rule; unknown values never are. The library also checks each case with the
/// code marked generated (nothing reported) and under <c>#pragma warning disable</c>.
/// </summary>
public sealed class RequestValueAnalyzerTests
{
    private static string InRun(string statements) => Usings + $$"""
        static class UserCode
        {
            static void Run(int someWidth, string provider, Flux2ProRequest existing)
            {
                {{statements}}
            }
        }
        """;

    private static DiagnosticResult Pro(string id, int location, string parameter, string value, string rule) =>
        Diagnostic(id, location, "flux-2-pro", parameter, value, rule);

    private const string SquareOnly = "left unset while aspect_ratio is 1:1 (it only applies when aspect_ratio is custom)";

    [Fact]
    public async Task A_value_out_of_range_is_an_error()
    {
        await VerifyAsync(
            InRun("""var r = new Flux2ProRequest { Prompt = "x", SafetyTolerance = {|#0:9|} };"""),
            Pro("FSPEC1001", 0, "safety_tolerance", "9", "between 0 and 6").WithSeverity(DiagnosticSeverity.Error));
    }

    [Fact]
    public async Task A_width_that_is_not_a_multiple_is_an_error_on_the_value()
    {
        await VerifyAsync(
            InRun("""var r = new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = {|#0:1000|}, Height = 768 };"""),
            Pro("FSPEC1002", 0, "width", "1000", "a multiple of 16; the provider would use 1008").WithSeverity(DiagnosticSeverity.Error));
    }

    [Fact]
    public async Task An_empty_prompt_is_too_short()
    {
        await VerifyAsync(
            InRun("""var r = new Flux2ProRequest { Prompt = {|#0:""|} };"""),
            Pro("FSPEC1003", 0, "prompt", "0 characters", "at least 1 characters").WithSeverity(DiagnosticSeverity.Error));
    }

    /// <summary>No shipped card limits a model parameter's length from above, or lets a provider refuse a parameter.</summary>
    private static readonly InMemoryAdditionalText TestCard = new("/cards/test-model.model.yaml", """
        id: test-model
        name: Test Model
        parameters:
          prompt:
            type: string
            required: true
            min_length: 1
            max_length: 10
          seed:
            type: integer
        providers:
          bfl:
            model: test-model
            unsupported: [seed]
        """);

    private static Task VerifyWithTestCardAsync(string statement, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest
        {
            TestCode = $$"""
                using FluxSpecs.Models.TestModel;

                static class UserCode
                {
                    static void Run()
                    {
                        {{statement}}
                    }
                }
                """,
            Cards = [TestCard],
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public async Task A_string_longer_than_max_length_is_too_long()
    {
        await VerifyWithTestCardAsync(
            """var r = new TestModelRequest { Prompt = {|#0:"eleven char"|} };""",
            Diagnostic("FSPEC1003", 0, "test-model", "prompt", "11 characters", "at most 10 characters"));
    }

    [Fact]
    public async Task A_string_of_exactly_max_length_is_not_reported()
    {
        await VerifyWithTestCardAsync("""var r = new TestModelRequest { Prompt = "ten chars!" };""");
    }

    [Theory]
    [InlineData("""["a.png", "b.png", "c.png", "d.png", "e.png", "f.png", "g.png", "h.png", "i.png", "j.png"]""")]
    [InlineData("""new ImageInput[] { "a.png", "b.png", "c.png", "d.png", "e.png", "f.png", "g.png", "h.png", "i.png", "j.png" }""")]
    [InlineData("""new List<ImageInput> { "a.png", "b.png", "c.png", "d.png", "e.png", "f.png", "g.png", "h.png", "i.png", "j.png" }""")]
    public async Task Ten_images_in_a_collection_of_known_size_are_too_many(string images)
    {
        await VerifyAsync(
            InRun($$"""var r = new Flux2ProRequest { Prompt = "x", InputImages = {|#0:{{images}}|} };"""),
            Pro("FSPEC1004", 0, "input_images", "10 items", "at most 9 items").WithSeverity(DiagnosticSeverity.Error));
    }

    [Fact]
    public async Task Rules_come_from_each_model_card()
    {
        // flux-2-dev allows at most 4 images on the model; flux-2-pro allows 9.
        await VerifyAsync(
            InRun("""var r = new FluxSpecs.Models.Flux2Dev.Flux2DevRequest { Prompt = "x", InputImages = {|#0:["a.png", "b.png", "c.png", "d.png", "e.png"]|} };"""),
            Diagnostic("FSPEC1004", 0, "flux-2-dev", "input_images", "5 items", "at most 4 items"));
    }

    [Fact]
    public async Task Width_with_a_non_custom_aspect_ratio_is_a_warning()
    {
        await VerifyAsync(
            Usings + """
            static class UserCode
            {
                static object Run() => new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Square, Width = {|#0:1024|} };
            }
            """,
            Pro("FSPEC1005", 0, "width", "1024", SquareOnly).WithSeverity(DiagnosticSeverity.Warning));
    }

    [Fact]
    public async Task Width_in_a_new_request_without_aspect_ratio_meets_the_default()
    {
        await VerifyAsync(
            InRun("""var r = new Flux2ProRequest { Prompt = "x", Width = {|#0:1024|}, Height = {|#1:1024|} };"""),
            Pro("FSPEC1005", 0, "width", "1024", SquareOnly),
            Pro("FSPEC1005", 1, "height", "1024", SquareOnly));
    }

    [Fact]
    public async Task A_later_write_to_another_property_leaves_the_default_known()
    {
        await VerifyAsync(
            InRun("""var r = new Flux2ProRequest { Prompt = "x", Width = {|#0:1024|} }; r.Seed = 1;"""),
            Pro("FSPEC1005", 0, "width", "1024", SquareOnly));
    }

    [Fact]
    public async Task Resolution_with_a_custom_aspect_ratio_is_a_warning()
    {
        await VerifyAsync(
            InRun("""var r = new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Resolution = {|#0:Flux2ProResolution.TwoMegapixels|} };"""),
            Pro("FSPEC1005", 0, "resolution", "2 MP", "left unset while aspect_ratio is custom (it does not apply when aspect_ratio is custom)"));
    }

    [Fact]
    public async Task A_with_expression_is_checked()
    {
        await VerifyAsync(
            InRun("""var r = existing with { Width = {|#0:1000|} };"""),
            Pro("FSPEC1002", 0, "width", "1000", "a multiple of 16; the provider would use 1008"));
    }

    [Fact]
    public async Task A_property_assignment_is_checked()
    {
        await VerifyAsync(
            InRun("""existing.OutputQuality = {|#0:101|};"""),
            Pro("FSPEC1001", 0, "output_quality", "101", "between 0 and 100"));
    }

    [Fact]
    public async Task A_request_built_inline_and_checked_for_a_constant_provider_meets_its_limits()
    {
        await VerifyAsync(
            InRun("""
                new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = {|#0:2000|}, Height = 1024, InputImages = {|#1:["a.png", "b.png", "c.png", "d.png", "e.png"]|} }.Validate("magnific");
                """),
            Pro("FSPEC1006", 0, "width", "2000", "between 256 and 1440 on magnific").WithSeverity(DiagnosticSeverity.Error),
            Pro("FSPEC1006", 1, "input_images", "5 items", "at most 4 items on magnific"));
    }

    [Fact]
    public async Task A_local_request_sent_to_a_constant_provider_meets_its_rules()
    {
        await VerifyAsync(
            InRun("""
                var r = new Flux2ProRequest { Prompt = "x", OutputFormat = {|#0:Flux2ProOutputFormat.Webp|}, SafetyTolerance = {|#1:6|} };
                r.Validate("bfl");
                """),
            Pro("FSPEC1006", 0, "output_format", "webp", "one of jpeg, png on bfl"),
            Pro("FSPEC1006", 1, "safety_tolerance", "6", "between 0 and 5 on bfl"));
    }

    [Fact]
    public async Task A_value_off_a_providers_step_is_reported_for_that_provider()
    {
        await VerifyAsync(
            InRun("""new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = {|#0:1008|}, Height = 1024 }.Validate("replicate");"""),
            Pro("FSPEC1006", 0, "width", "1008", "a multiple of 32; the provider would use 1024 on replicate"));
    }

    [Fact]
    public async Task Creating_a_payload_for_a_constant_provider_is_checked_like_validating_for_it()
    {
        await VerifyAsync(
            InRun("""new Flux2ProRequest { Prompt = "x", OutputFormat = {|#0:Flux2ProOutputFormat.Webp|} }.CreatePayload("bfl");"""),
            Pro("FSPEC1006", 0, "output_format", "webp", "one of jpeg, png on bfl"));
    }

    [Theory]
    [InlineData("""_ = model.StartAsync(new Flux2ProRequest { Prompt = "x", OutputFormat = {|#0:Flux2ProOutputFormat.Webp|} }, "bfl");""")]
    [InlineData("""_ = shared.GenerateAsync(new Flux2ProRequest { Prompt = "x", OutputFormat = {|#0:Flux2ProOutputFormat.Webp|} }, "bfl");""")]
    [InlineData("""_ = model.EstimatePrice(new Flux2ProRequest { Prompt = "x", OutputFormat = {|#0:Flux2ProOutputFormat.Webp|} }, "bfl");""")]
    public async Task A_client_call_for_a_constant_provider_is_checked_like_validating_for_it(string statement)
    {
        await VerifyAsync(
            Usings + $$"""
            static class UserCode
            {
                static void Run(Flux2ProClient model, FluxSpecs.Clients.FluxSpecsClient shared)
                {
                    {{statement}}
                }
            }
            """,
            Pro("FSPEC1006", 0, "output_format", "webp", "one of jpeg, png on bfl"));
    }

    [Fact]
    public async Task An_image_count_over_the_models_maximum_or_a_providers_is_reported()
    {
        await VerifyAsync(
            Usings + """
            static class UserCode
            {
                static void Run(Flux2ProClient model)
                {
                    var r = new Flux2ProRequest { Prompt = "x", ImageCount = {|#0:11|} };
                    _ = model.StartImagesAsync(new Flux2ProRequest { Prompt = "x", ImageCount = {|#1:5|} }, "fal");
                }
            }
            """,
            Pro("FSPEC1001", 0, "image_count", "11", "between 1 and 10").WithSeverity(DiagnosticSeverity.Error),
            Pro("FSPEC1006", 1, "image_count", "5", "at most 4 on fal"));
    }

    [Fact]
    public async Task A_provider_that_does_not_offer_the_model_is_reported_on_the_argument()
    {
        await VerifyAsync(
            InRun("""new Flux2ProRequest { Prompt = "x" }.Validate({|#0:"midjourney"|});"""),
            Pro("FSPEC1006", 0, "the provider", "midjourney", "one that offers flux-2-pro: replicate, core-today, bfl, vtrix, fal, magnific, lumenfall, local"));
    }

    [Fact]
    public async Task A_parameter_the_provider_lacks_is_an_error_for_that_provider()
    {
        await VerifyWithTestCardAsync(
            """new TestModelRequest { Prompt = "x", Seed = {|#0:1|} }.Validate("bfl");""",
            Diagnostic("FSPEC1006", 0, "test-model", "seed", "1", "left unset on bfl"));
    }

    [Theory]
    [InlineData("""var r = new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = someWidth, Height = 64 };""")]
    [InlineData("""var r = new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = 2048, Height = 64, SafetyTolerance = 0, OutputQuality = 100, Seed = 4294967295 };""")]
    [InlineData("""var r = new Flux2ProRequest { Prompt = "x", InputImages = ["a.png", "b.png", "c.png", "d.png", "e.png", "f.png", "g.png", "h.png", "i.png"] };""")]
    [InlineData("""var r = existing with { Width = 1024 };""")]
    [InlineData("""new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = 2000, Height = 1024 }.Validate(provider);""")]
    [InlineData("""new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = 1440, Height = 1440 }.Validate("magnific");""")]
    [InlineData("""new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = 2000, Height = 1024 }.Validate("local");""")]
    [InlineData("""var r = new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = 2000, Height = 1024 }; r.Width = 1024; r.Validate("magnific");""")]
    [InlineData("""var r = new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = 2000, Height = 1024 }; r = existing; r.Validate("magnific");""")]
    [InlineData("""var images = new List<ImageInput>(); var r = new Flux2ProRequest { Prompt = "x", InputImages = images };""")]
    [InlineData("""var a = new Flux2ProRequest { Prompt = "x", Width = 1024, Height = 1024 }; a.AspectRatio = Flux2ProAspectRatio.Custom;""")]
    [InlineData("""var a = new Flux2ProRequest { Prompt = "x", Width = 1024, Height = 1024 }; a.AspectRatio = Flux2ProAspectRatio.Square;""")]
    [InlineData("""var a = new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Square, Width = 1024 }; a.AspectRatio = Flux2ProAspectRatio.Custom;""")]
    [InlineData("""var a = existing with { AspectRatio = Flux2ProAspectRatio.Square, Width = 1024 }; a.AspectRatio = Flux2ProAspectRatio.Custom;""")]
    [InlineData("""var r = new FluxSpecs.Models.Flux2Dev.Flux2DevRequest { Prompt = "x", AspectRatio = FluxSpecs.Models.Flux2Dev.Flux2DevAspectRatio.Custom, Width = 1024, Height = 1024 };""")]
    public async Task Values_it_cannot_know_and_valid_values_are_not_reported(string statements)
    {
        await VerifyAsync(InRun(statements));
    }

    [Fact]
    public async Task A_card_in_the_project_is_checked_like_a_referenced_model()
    {
        // The rules reach the analyzer from the generator's output in the same compilation, not only from metadata.
        var test = new AnalyzerTest
        {
            TestCode = InRun("""var r = new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = {|#0:1000|}, Height = 768, SafetyTolerance = {|#1:9|} };"""),
            Cards = GeneratorHarness.ShippedCards(),
        };
        test.ExpectedDiagnostics.Add(Pro("FSPEC1002", 0, "width", "1000", "a multiple of 16; the provider would use 1008"));
        test.ExpectedDiagnostics.Add(Pro("FSPEC1001", 1, "safety_tolerance", "9", "between 0 and 6"));
        await test.RunAsync();
    }

    [Fact]
    public async Task The_generated_code_of_the_shipped_cards_reports_nothing()
    {
        await new AnalyzerTest { TestCode = "namespace Consumer { internal static class Empty { } }", Cards = GeneratorHarness.ShippedCards() }.RunAsync();
    }

    private const string ApplicabilityWarning = """var r = new Flux2ProRequest { Prompt = "x", Width = {|#0:1024|} };""";

    [Theory]
    [InlineData(ReportDiagnostic.Error, DiagnosticSeverity.Error)]
    [InlineData(ReportDiagnostic.Suppress, null)]
    public async Task Severity_follows_the_projects_configuration(ReportDiagnostic configured, DiagnosticSeverity? expected)
    {
        // The project's <NoWarn> and <WarningsAsErrors> reach the compiler as this option; .editorconfig is tested below.
        var test = Analyzer(InRun(ApplicabilityWarning));
        if (expected is { } severity)
        {
            test.ExpectedDiagnostics.Add(Pro("FSPEC1005", 0, "width", "1024", SquareOnly).WithSeverity(severity));
        }

        test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectCompilationOptions(
            projectId,
            solution.GetProject(projectId)!.CompilationOptions!.WithSpecificDiagnosticOptions([new("FSPEC1005", configured)])));
        await test.RunAsync();
    }

    private static Task VerifyWithEditorConfigAsync(string statements, string editorConfig, params DiagnosticResult[] expected)
    {
        var test = Analyzer(InRun(statements), expected);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n" + editorConfig));
        return test.RunAsync();
    }

    [Fact]
    public async Task An_editorconfig_severity_of_error_makes_the_applicability_warning_an_error()
    {
        await VerifyWithEditorConfigAsync(
            ApplicabilityWarning,
            """
            [*.cs]
            dotnet_diagnostic.FSPEC1005.severity = error
            """,
            Pro("FSPEC1005", 0, "width", "1024", SquareOnly).WithSeverity(DiagnosticSeverity.Error));
    }

    [Fact]
    public async Task An_editorconfig_severity_of_warning_makes_an_error_a_warning()
    {
        await VerifyWithEditorConfigAsync(
            """var r = new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = {|#0:1000|}, Height = 768 };""",
            """
            [*.cs]
            dotnet_diagnostic.FSPEC1002.severity = warning
            """,
            Pro("FSPEC1002", 0, "width", "1000", "a multiple of 16; the provider would use 1008").WithSeverity(DiagnosticSeverity.Warning));
    }

    [Fact]
    public async Task An_editorconfig_severity_of_none_silences_that_id_only()
    {
        await VerifyWithEditorConfigAsync(
            """var r = new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = 1000, Height = 768, SafetyTolerance = {|#0:9|} };""",
            """
            [*.cs]
            dotnet_diagnostic.FSPEC1002.severity = none
            """,
            Pro("FSPEC1001", 0, "safety_tolerance", "9", "between 0 and 6"));
    }
}
