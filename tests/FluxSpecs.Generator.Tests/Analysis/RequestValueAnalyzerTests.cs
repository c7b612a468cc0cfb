using System.Collections.Immutable;
using FluxSpecs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FluxSpecs.Generator.Tests.Analysis;

/// <summary>Constant request values that break a card rule are reported where they are written; unknown values never are.</summary>
public sealed class RequestValueAnalyzerTests
{
    private static Task<string[]> Analyze(string statements) => AnalyzerHarness.DescribeAsync($$"""
        static class UserCode
        {
            static void Run(int someWidth, string provider, Flux2ProRequest existing)
            {
                {{statements}}
            }
        }
        """);

    [Fact]
    public async Task A_width_that_is_not_a_multiple_is_an_error_on_the_value()
    {
        var diagnostics = await Analyze("""var r = new Flux2ProRequest { Prompt = "x", AspectRatio = AspectRatio.Custom, Width = 1000, Height = 768 };""");

        Assert.Equal(["FSPEC1002 [1000] flux-2-pro: width is 1000, but must be a multiple of 16; the provider would use 1008"], diagnostics);
    }

    [Fact]
    public async Task A_value_out_of_range_is_an_error()
    {
        var diagnostics = await Analyze("""var r = new Flux2ProRequest { Prompt = "x", SafetyTolerance = 9 };""");

        Assert.Equal(["FSPEC1001 [9] flux-2-pro: safety_tolerance is 9, but must be between 0 and 6"], diagnostics);
    }

    [Fact]
    public async Task An_empty_prompt_is_too_short()
    {
        var diagnostics = await Analyze("""var r = new Flux2ProRequest { Prompt = "" };""");

        Assert.Equal(["FSPEC1003 [\"\"] flux-2-pro: prompt is 0 characters, but must be at least 1 characters"], diagnostics);
    }

    /// <summary>No shipped card limits a model parameter's length from above, so this one does.</summary>
    private const string CardWithMaxLength = """
        id: test-model
        name: Test Model
        parameters:
          prompt:
            type: string
            required: true
            min_length: 1
            max_length: 10
        """;

    private static Task<string[]> AnalyzeWithMaxLengthCard(string statement) => AnalyzeWithCard(CardWithMaxLength, $$"""
        using FluxSpecs.Models.TestModel;

        static class UserCode
        {
            static void Run()
            {
                {{statement}}
            }
        }
        """);

    private static async Task<string[]> AnalyzeWithCard(string yaml, string source) =>
        [.. (await AnalyzerHarness.AnalyzeAsync(source, [new InMemoryAdditionalText("/cards/test-model.model.yaml", yaml)])).Select(AnalyzerHarness.Describe)];

    [Fact]
    public async Task A_string_longer_than_max_length_is_too_long()
    {
        var diagnostics = await AnalyzeWithMaxLengthCard("""var r = new TestModelRequest { Prompt = "eleven char" };""");

        Assert.Equal(["FSPEC1003 [\"eleven char\"] test-model: prompt is 11 characters, but must be at most 10 characters"], diagnostics);
    }

    [Fact]
    public async Task A_string_of_exactly_max_length_is_not_reported()
    {
        Assert.Empty(await AnalyzeWithMaxLengthCard("""var r = new TestModelRequest { Prompt = "ten chars!" };"""));
    }

    [Theory]
    [InlineData("""["a.png", "b.png", "c.png", "d.png", "e.png", "f.png", "g.png", "h.png", "i.png", "j.png"]""")]
    [InlineData("""new ImageInput[] { "a.png", "b.png", "c.png", "d.png", "e.png", "f.png", "g.png", "h.png", "i.png", "j.png" }""")]
    [InlineData("""new List<ImageInput> { "a.png", "b.png", "c.png", "d.png", "e.png", "f.png", "g.png", "h.png", "i.png", "j.png" }""")]
    public async Task Ten_images_in_a_collection_of_known_size_are_too_many(string images)
    {
        var diagnostics = await Analyze($$"""var r = new Flux2ProRequest { Prompt = "x", InputImages = {{images}} };""");

        Assert.Equal([$"FSPEC1004 [{images}] flux-2-pro: input_images is 10 items, but must be at most 9 items"], diagnostics);
    }

    [Fact]
    public async Task Width_with_a_non_custom_aspect_ratio_is_a_warning()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(AnalyzerHarness.Usings + """
            static class UserCode
            {
                static object Run() => new Flux2ProRequest { Prompt = "x", AspectRatio = AspectRatio.Square, Width = 1024 };
            }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("FSPEC1005 [1024] flux-2-pro: width is 1024, but must be left unset while aspect_ratio is 1:1 (it only applies when aspect_ratio is custom)", AnalyzerHarness.Describe(diagnostic));
    }

    [Fact]
    public async Task Width_in_a_new_request_without_aspect_ratio_meets_the_default()
    {
        var diagnostics = await Analyze("""var r = new Flux2ProRequest { Prompt = "x", Width = 1024, Height = 1024 };""");

        Assert.Equal(
            [
                "FSPEC1005 [1024] flux-2-pro: width is 1024, but must be left unset while aspect_ratio is 1:1 (it only applies when aspect_ratio is custom)",
                "FSPEC1005 [1024] flux-2-pro: height is 1024, but must be left unset while aspect_ratio is 1:1 (it only applies when aspect_ratio is custom)",
            ],
            diagnostics);
    }

    [Fact]
    public async Task A_later_write_to_another_property_leaves_the_default_known()
    {
        var diagnostics = await Analyze("""var r = new Flux2ProRequest { Prompt = "x", Width = 1024 }; r.Seed = 1;""");

        Assert.Equal(["FSPEC1005 [1024] flux-2-pro: width is 1024, but must be left unset while aspect_ratio is 1:1 (it only applies when aspect_ratio is custom)"], diagnostics);
    }

    [Fact]
    public async Task Resolution_with_a_custom_aspect_ratio_is_a_warning()
    {
        var diagnostics = await Analyze("""var r = new Flux2ProRequest { Prompt = "x", AspectRatio = AspectRatio.Custom, Resolution = Resolution.TwoMegapixels };""");

        Assert.Equal(["FSPEC1005 [Resolution.TwoMegapixels] flux-2-pro: resolution is 2 MP, but must be left unset while aspect_ratio is custom (it does not apply when aspect_ratio is custom)"], diagnostics);
    }

    [Fact]
    public async Task A_with_expression_is_checked()
    {
        var diagnostics = await Analyze("""var r = existing with { Width = 1000 };""");

        Assert.Equal(["FSPEC1002 [1000] flux-2-pro: width is 1000, but must be a multiple of 16; the provider would use 1008"], diagnostics);
    }

    [Fact]
    public async Task A_property_assignment_is_checked()
    {
        var diagnostics = await Analyze("""existing.OutputQuality = 101;""");

        Assert.Equal(["FSPEC1001 [101] flux-2-pro: output_quality is 101, but must be between 0 and 100"], diagnostics);
    }

    [Fact]
    public async Task A_request_built_inline_and_checked_for_a_constant_provider_meets_its_limits()
    {
        var diagnostics = await Analyze("""
            new Flux2ProRequest { Prompt = "x", AspectRatio = AspectRatio.Custom, Width = 2000, Height = 1024, InputImages = ["a.png", "b.png", "c.png", "d.png", "e.png"] }.Validate("magnific");
            """);

        Assert.Equal(
            [
                "FSPEC1006 [2000] flux-2-pro: width is 2000, but must be between 256 and 1440 on magnific",
                "FSPEC1006 [[\"a.png\", \"b.png\", \"c.png\", \"d.png\", \"e.png\"]] flux-2-pro: input_images is 5 items, but must be at most 4 items on magnific",
            ],
            diagnostics);
    }

    [Fact]
    public async Task A_local_request_sent_to_a_constant_provider_meets_its_rules()
    {
        var diagnostics = await Analyze("""
            var r = new Flux2ProRequest { Prompt = "x", OutputFormat = OutputFormat.Webp, SafetyTolerance = 6 };
            r.Validate("bfl");
            """);

        Assert.Equal(
            [
                "FSPEC1006 [OutputFormat.Webp] flux-2-pro: output_format is webp, but must be one of jpeg, png on bfl",
                "FSPEC1006 [6] flux-2-pro: safety_tolerance is 6, but must be between 0 and 5 on bfl",
            ],
            diagnostics);
    }

    [Fact]
    public async Task Creating_a_payload_for_a_constant_provider_is_checked_like_validating_for_it()
    {
        var diagnostics = await Analyze("""new Flux2ProRequest { Prompt = "x", OutputFormat = OutputFormat.Webp }.CreatePayload("bfl");""");

        Assert.Equal(["FSPEC1006 [OutputFormat.Webp] flux-2-pro: output_format is webp, but must be one of jpeg, png on bfl"], diagnostics);
    }

    [Theory]
    [InlineData("""_ = model.StartAsync(new Flux2ProRequest { Prompt = "x", OutputFormat = OutputFormat.Webp }, "bfl");""")]
    [InlineData("""_ = shared.GenerateAsync(new Flux2ProRequest { Prompt = "x", OutputFormat = OutputFormat.Webp }, "bfl");""")]
    [InlineData("""_ = model.EstimatePrice(new Flux2ProRequest { Prompt = "x", OutputFormat = OutputFormat.Webp }, "bfl");""")]
    public async Task A_client_call_for_a_constant_provider_is_checked_like_validating_for_it(string statement)
    {
        var diagnostics = await AnalyzerHarness.DescribeAsync($$"""
            static class UserCode
            {
                static void Run(Flux2ProClient model, FluxSpecs.Clients.FluxSpecsClient shared)
                {
                    {{statement}}
                }
            }
            """);

        Assert.Equal(["FSPEC1006 [OutputFormat.Webp] flux-2-pro: output_format is webp, but must be one of jpeg, png on bfl"], diagnostics);
    }

    [Fact]
    public async Task A_provider_that_does_not_offer_the_model_is_reported_on_the_argument()
    {
        var diagnostics = await Analyze("""new Flux2ProRequest { Prompt = "x" }.Validate("midjourney");""");

        Assert.Equal(["FSPEC1006 [\"midjourney\"] flux-2-pro: the provider is midjourney, but must be one that offers flux-2-pro: replicate, core-today, bfl, vtrix, fal, magnific, lumenfall, local"], diagnostics);
    }

    [Theory]
    [InlineData("""var r = new Flux2ProRequest { Prompt = "x", AspectRatio = AspectRatio.Custom, Width = someWidth, Height = 64 };""")]
    [InlineData("""var r = new Flux2ProRequest { Prompt = "x", AspectRatio = AspectRatio.Custom, Width = 2048, Height = 64, SafetyTolerance = 0, OutputQuality = 100, Seed = 4294967295 };""")]
    [InlineData("""var r = new Flux2ProRequest { Prompt = "x", InputImages = ["a.png", "b.png", "c.png", "d.png", "e.png", "f.png", "g.png", "h.png", "i.png"] };""")]
    [InlineData("""var r = existing with { Width = 1024 };""")]
    [InlineData("""new Flux2ProRequest { Prompt = "x", AspectRatio = AspectRatio.Custom, Width = 2000, Height = 1024 }.Validate(provider);""")]
    [InlineData("""new Flux2ProRequest { Prompt = "x", AspectRatio = AspectRatio.Custom, Width = 1440, Height = 1440 }.Validate("magnific");""")]
    [InlineData("""new Flux2ProRequest { Prompt = "x", AspectRatio = AspectRatio.Custom, Width = 2000, Height = 1024 }.Validate("local");""")]
    [InlineData("""var r = new Flux2ProRequest { Prompt = "x", AspectRatio = AspectRatio.Custom, Width = 2000, Height = 1024 }; r.Width = 1024; r.Validate("magnific");""")]
    [InlineData("""var r = new Flux2ProRequest { Prompt = "x", AspectRatio = AspectRatio.Custom, Width = 2000, Height = 1024 }; r = existing; r.Validate("magnific");""")]
    [InlineData("""var images = new List<ImageInput>(); var r = new Flux2ProRequest { Prompt = "x", InputImages = images };""")]
    [InlineData("""var a = new Flux2ProRequest { Prompt = "x", Width = 1024, Height = 1024 }; a.AspectRatio = AspectRatio.Custom;""")]
    [InlineData("""var a = new Flux2ProRequest { Prompt = "x", Width = 1024, Height = 1024 }; a.AspectRatio = AspectRatio.Square;""")]
    [InlineData("""var a = new Flux2ProRequest { Prompt = "x", AspectRatio = AspectRatio.Square, Width = 1024 }; a.AspectRatio = AspectRatio.Custom;""")]
    [InlineData("""var a = existing with { AspectRatio = AspectRatio.Square, Width = 1024 }; a.AspectRatio = AspectRatio.Custom;""")]
    [InlineData("""var r = new FluxSpecs.Models.Flux2Dev.Flux2DevRequest { Prompt = "x", AspectRatio = FluxSpecs.Models.Flux2Dev.AspectRatio.Custom, Width = 1024, Height = 1024 };""")]
    public async Task Values_it_cannot_know_and_valid_values_are_not_reported(string statements)
    {
        Assert.Empty(await Analyze(statements));
    }

    [Fact]
    public async Task Rules_come_from_each_model_card()
    {
        // flux-2-dev allows at most 4 images on the model; flux-2-pro allows 9.
        var diagnostics = await Analyze("""
            var r = new FluxSpecs.Models.Flux2Dev.Flux2DevRequest { Prompt = "x", InputImages = ["a.png", "b.png", "c.png", "d.png", "e.png"] };
            """);

        Assert.Equal(["FSPEC1004 [[\"a.png\", \"b.png\", \"c.png\", \"d.png\", \"e.png\"]] flux-2-dev: input_images is 5 items, but must be at most 4 items"], diagnostics);
    }

    [Theory]
    [InlineData(ReportDiagnostic.Error, DiagnosticSeverity.Error)]
    [InlineData(ReportDiagnostic.Suppress, null)]
    public async Task Severity_follows_the_projects_configuration(ReportDiagnostic configured, DiagnosticSeverity? expected)
    {
        // The project's <NoWarn> and <WarningsAsErrors> reach the compiler as this option; .editorconfig is tested below.
        var compilation = AnalyzerHarness.CompileWithGeneratedModels(AnalyzerHarness.Usings + """
            static class UserCode
            {
                static object Run() => new Flux2ProRequest { Prompt = "x", Width = 1024 };
            }
            """);
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions([new("FSPEC1005", configured)]));

        var diagnostics = await compilation.WithAnalyzers([new FluxSpecs.Generator.Analysis.RequestValueAnalyzer()]).GetAnalyzerDiagnosticsAsync();

        Assert.Equal(expected, diagnostics.SingleOrDefault()?.Severity);
    }

    private const string EditorConfigPath = "/project/.editorconfig";

    /// <summary>The user code at /project/UserCode.cs, with /project/.editorconfig holding <paramref name="editorConfig"/>.</summary>
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeWithEditorConfig(string statements, string editorConfig)
    {
        var compilation = AnalyzerHarness.CompileWithGeneratedModels(AnalyzerHarness.Usings + $$"""
            static class UserCode
            {
                static void Run()
                {
                    {{statements}}
                }
            }
            """);
        var user = compilation.SyntaxTrees.First();
        compilation = compilation.ReplaceSyntaxTree(user, user.WithFilePath("/project/UserCode.cs"));

        return await AnalyzerHarness.AnalyzeAsync(EditorConfigSeverities.Apply(compilation, EditorConfigPath, editorConfig));
    }

    [Fact]
    public async Task An_editorconfig_severity_of_error_makes_the_applicability_warning_an_error()
    {
        var diagnostics = await AnalyzeWithEditorConfig(
            """var r = new Flux2ProRequest { Prompt = "x", Width = 1024 };""",
            """
            [*.cs]
            dotnet_diagnostic.FSPEC1005.severity = error
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("FSPEC1005", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public async Task An_editorconfig_severity_of_warning_makes_an_error_a_warning()
    {
        var diagnostics = await AnalyzeWithEditorConfig(
            """var r = new Flux2ProRequest { Prompt = "x", AspectRatio = AspectRatio.Custom, Width = 1000, Height = 768 };""",
            """
            [*.cs]
            dotnet_diagnostic.FSPEC1002.severity = warning
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("FSPEC1002", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public async Task An_editorconfig_severity_of_none_silences_that_id_only()
    {
        var diagnostics = await AnalyzeWithEditorConfig(
            """var r = new Flux2ProRequest { Prompt = "x", AspectRatio = AspectRatio.Custom, Width = 1000, Height = 768, SafetyTolerance = 9 };""",
            """
            [*.cs]
            dotnet_diagnostic.FSPEC1002.severity = none
            """);

        Assert.Equal(["FSPEC1001 [9] flux-2-pro: safety_tolerance is 9, but must be between 0 and 6"], diagnostics.Select(AnalyzerHarness.Describe));
    }

    [Fact]
    public async Task The_generated_code_of_the_shipped_cards_reports_nothing()
    {
        Assert.Empty(await AnalyzerHarness.AnalyzeAsync("namespace Consumer { internal static class Empty { } }"));
    }
}
