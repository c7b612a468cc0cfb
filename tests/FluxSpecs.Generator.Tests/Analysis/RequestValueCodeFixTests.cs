using FluxSpecs.Generator.Tests.Infrastructure;

namespace FluxSpecs.Generator.Tests.Analysis;

/// <summary>Each code fix produces code that compiles and no longer breaks the rule.</summary>
public sealed class RequestValueCodeFixTests
{
    private static string Code(string expression) => AnalyzerHarness.Usings + $$"""
        static class UserCode
        {
            static object Run() => {{expression}};
        }
        """;

    [Fact]
    public async Task A_width_off_the_step_offers_both_neighbouring_multiples()
    {
        var source = Code("""new Flux2ProRequest { Prompt = "x", AspectRatio = AspectRatio.Custom, Width = 1000, Height = 768 }""");

        Assert.Equal(["Use 1008", "Use 992"], await CodeFixHarness.TitlesAsync(source, "FSPEC1002"));
        var fixedCode = await CodeFixHarness.ApplyAsync(source, "FSPEC1002", "Use 992");
        Assert.Contains("Width = 992, Height = 768", fixedCode, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_out_of_range_is_clamped_to_the_bound()
    {
        var fixedCode = await CodeFixHarness.ApplyAsync(Code("""new Flux2ProRequest { Prompt = "x", SafetyTolerance = 9 }"""), "FSPEC1001", "Use 6");

        Assert.Contains("SafetyTolerance = 6 }", fixedCode, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_out_of_a_providers_range_is_clamped_to_the_providers_bound()
    {
        var source = AnalyzerHarness.Usings + """
            static class UserCode
            {
                static object Run() => new Flux2ProRequest { Prompt = "x", AspectRatio = AspectRatio.Custom, Width = 2000, Height = 1024 }.Validate("magnific");
            }
            """;

        var fixedCode = await CodeFixHarness.ApplyAsync(source, "FSPEC1006", "Use 1440");

        Assert.Contains("Width = 1440, Height = 1024 }.Validate(\"magnific\")", fixedCode, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Width_with_another_aspect_ratio_sets_the_aspect_ratio_to_custom()
    {
        var source = Code("""new Flux2ProRequest { Prompt = "x", AspectRatio = AspectRatio.Square, Width = 1024, Height = 768 }""");

        var fixedCode = await CodeFixHarness.ApplyAsync(source, "FSPEC1005", "Set AspectRatio to Custom");

        Assert.Contains("new Flux2ProRequest { Prompt = \"x\", AspectRatio = AspectRatio.Custom, Width = 1024, Height = 768 }", fixedCode, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Width_without_an_aspect_ratio_adds_a_custom_one()
    {
        var source = Code("""new Flux2ProRequest { Prompt = "x", Width = 1024 }""");

        var fixedCode = await CodeFixHarness.ApplyAsync(source, "FSPEC1005", "Set AspectRatio to Custom");

        Assert.Contains("Width = 1024, AspectRatio = AspectRatio.Custom", fixedCode, StringComparison.Ordinal);
    }
}
