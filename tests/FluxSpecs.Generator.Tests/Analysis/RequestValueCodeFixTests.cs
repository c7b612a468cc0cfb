using FluxSpecs.Generator.CodeFixes;
using Microsoft.CodeAnalysis.CodeFixes;
using static FluxSpecs.Generator.Tests.Infrastructure.RequestValueVerifier;

namespace FluxSpecs.Generator.Tests.Analysis;

/// <summary>
/// Each code fix produces code that compiles and no longer breaks the rule, applied one diagnostic at a time and with
/// fix-all in a document, a project and the solution. The markup <c>{|FSPEC1001:…|}</c> is each diagnostic fixed, where
/// it is reported.
/// </summary>
public sealed class RequestValueCodeFixTests
{
    private static string Code(string expression) => Usings + $$"""
        static class UserCode
        {
            static object Run() => {{expression}};

            static Flux2ProRequest Seed(Flux2ProRequest request) => request;
        }
        """;

    /// <summary>
    /// The fix with <paramref name="equivalenceKey"/> turns <paramref name="request"/> into <paramref name="fixedRequest"/>
    /// in <paramref name="fixes"/> fixes applied one at a time, and in one fix-all.
    /// </summary>
    private static Task VerifyFixAsync(string request, string fixedRequest, string equivalenceKey, int fixes = 1)
    {
        var test = CodeFix(Code(request), Code(fixedRequest), equivalenceKey);
        test.NumberOfIncrementalIterations = fixes;
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }

    [Fact]
    public async Task A_value_out_of_range_in_provider_options_is_fixed_to_the_bound()
    {
        await VerifyFixAsync(
            """new FluxSpecs.Models.Flux2Dev.Flux2DevFalOptions { NumInferenceSteps = {|FSPEC1001:60|} }""",
            """new FluxSpecs.Models.Flux2Dev.Flux2DevFalOptions { NumInferenceSteps = 50 }""",
            "FSPEC1001.Use.50");
    }

    [Theory]
    [InlineData(0, "Use 1008", 1008)]
    [InlineData(1, "Use 992", 992)]
    public async Task A_width_off_the_step_offers_both_neighbouring_multiples(int index, string title, int width)
    {
        var test = CodeFix(
            Code("""new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = {|FSPEC1002:1000|}, Height = 768 }"""),
            Code($$"""new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = {{width}}, Height = 768 }"""),
            $"FSPEC1002.Use.{width}");
        test.CodeActionIndex = index;
        test.CodeActionVerifier = (action, verifier) => verifier.Equal(title, action.Title);
        await test.RunAsync();
    }

    [Theory]
    [InlineData(0, "Use 1024", 1024)]
    [InlineData(1, "Use 992", 992)]
    public async Task A_width_off_a_providers_step_offers_both_of_its_multiples(int index, string title, int width)
    {
        var test = CodeFix(
            Code("""new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = {|FSPEC1006:1008|}, Height = 1024 }.Validate("replicate")"""),
            Code($$"""new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = {{width}}, Height = 1024 }.Validate("replicate")"""),
            $"FSPEC1006.Use.{width}");
        test.CodeActionIndex = index;
        test.CodeActionVerifier = (action, verifier) => verifier.Equal(title, action.Title);
        await test.RunAsync();
    }

    [Theory]
    [InlineData("""new Flux2ProRequest { Prompt = {|FSPEC1003:""|} }""")]
    [InlineData("""new FluxSpecs.Models.Flux2Dev.Flux2DevRequest { Prompt = "x", InputImages = {|FSPEC1004:["a.png", "b.png", "c.png", "d.png", "e.png"]|} }""")]
    [InlineData("""new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Resolution = {|FSPEC1005:Flux2ProResolution.TwoMegapixels|} }""")]
    [InlineData("""new Flux2ProRequest { Prompt = "x", OutputFormat = {|FSPEC1006:Flux2ProOutputFormat.Webp|} }.Validate("bfl")""")]
    [InlineData("""new Flux2ProRequest { Prompt = "x" }.Validate({|FSPEC1006:"midjourney"|})""")]
    public async Task A_rule_without_an_obvious_value_offers_no_fix(string request)
    {
        // The same code as fixed code: the library then checks that no fix is offered.
        await CodeFix(Code(request), Code(request)).RunAsync();
    }

    [Fact]
    public async Task A_value_out_of_range_is_clamped_to_the_bound()
    {
        await VerifyFixAsync(
            """new Flux2ProRequest { Prompt = "x", SafetyTolerance = {|FSPEC1001:9|} }""",
            """new Flux2ProRequest { Prompt = "x", SafetyTolerance = 6 }""",
            "FSPEC1001.Use.6");
    }

    [Fact]
    public async Task A_value_out_of_a_providers_range_is_clamped_to_the_providers_bound()
    {
        await VerifyFixAsync(
            """new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = {|FSPEC1006:2000|}, Height = 1024 }.Validate("magnific")""",
            """new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = 1440, Height = 1024 }.Validate("magnific")""",
            "FSPEC1006.Use.1440");
    }

    [Fact]
    public async Task Width_with_another_aspect_ratio_sets_the_aspect_ratio_to_custom()
    {
        await VerifyFixAsync(
            """new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Square, Width = {|FSPEC1005:1024|}, Height = {|FSPEC1005:768|} }""",
            """new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = 1024, Height = 768 }""",
            "FSPEC1005.Set.AspectRatio");
    }

    [Fact]
    public async Task Width_without_an_aspect_ratio_adds_a_custom_one()
    {
        await VerifyFixAsync(
            """new Flux2ProRequest { Prompt = "x", Width = {|FSPEC1005:1024|} }""",
            """new Flux2ProRequest { Prompt = "x", Width = 1024, AspectRatio = Flux2ProAspectRatio.Custom }""",
            "FSPEC1005.Set.AspectRatio");
    }

    [Fact]
    public async Task A_with_expression_gets_the_aspect_ratio_too()
    {
        await VerifyFixAsync(
            """Seed(new Flux2ProRequest { Prompt = "x" }) with { AspectRatio = Flux2ProAspectRatio.Square, Width = {|FSPEC1005:1024|} }""",
            """Seed(new Flux2ProRequest { Prompt = "x" }) with { AspectRatio = Flux2ProAspectRatio.Custom, Width = 1024 }""",
            "FSPEC1005.Set.AspectRatio");
    }

    [Fact]
    public async Task The_aspect_ratio_set_is_the_requests_own_type_even_where_another_models_is_imported()
    {
        // Usings import flux-2-pro's AspectRatio; a flux-2-dev request needs its own, so the fix keeps it qualified.
        await VerifyFixAsync(
            """new FluxSpecs.Models.Flux2Dev.Flux2DevRequest { Prompt = "x", Width = {|FSPEC1005:1024|} }""",
            """new FluxSpecs.Models.Flux2Dev.Flux2DevRequest { Prompt = "x", Width = 1024, AspectRatio = FluxSpecs.Models.Flux2Dev.Flux2DevAspectRatio.Custom }""",
            "FSPEC1005.Set.AspectRatio");
    }

    [Fact]
    public async Task The_added_aspect_ratio_follows_a_multi_line_initializer()
    {
        await VerifyFixAsync(
            """
                new Flux2ProRequest
                    {
                        Prompt = "x",
                        Width = {|FSPEC1005:1024|}
                    }
                """,
            """
                new Flux2ProRequest
                    {
                        Prompt = "x",
                        Width = 1024,
                        AspectRatio = Flux2ProAspectRatio.Custom
                    }
                """,
            "FSPEC1005.Set.AspectRatio");
    }

    [Fact]
    public void Fix_all_is_offered_for_a_document_a_project_and_the_solution()
    {
        // The library skips its fix-all checks below when a provider offers no fix-all; this keeps them from passing so.
        var fixAll = new RequestValueCodeFixProvider().GetFixAllProvider();

        Assert.NotNull(fixAll);
        Assert.Superset(new HashSet<FixAllScope> { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution }, fixAll.GetSupportedFixAllScopes().ToHashSet());
    }

    [Fact]
    public async Task Fix_all_clamps_every_value_to_the_same_bound_across_files()
    {
        var test = CodeFix(
            Code("""new Flux2ProRequest { Prompt = "x", SafetyTolerance = {|FSPEC1001:9|} }"""),
            Code("""new Flux2ProRequest { Prompt = "x", SafetyTolerance = 6 }"""),
            "FSPEC1001.Use.6");
        test.TestState.Sources.Add(Usings + """static class Other { static object Run() => new Flux2ProRequest { Prompt = "y", SafetyTolerance = {|FSPEC1001:7|} }; }""");
        test.FixedState.Sources.Add(Usings + """static class Other { static object Run() => new Flux2ProRequest { Prompt = "y", SafetyTolerance = 6 }; }""");
        test.NumberOfIncrementalIterations = 2;
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 2;
        await test.RunAsync();
    }

    [Fact]
    public async Task Fix_all_moves_width_and_height_to_the_same_multiple()
    {
        await VerifyFixAsync(
            """new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = {|FSPEC1002:1000|}, Height = {|FSPEC1002:1000|} }""",
            """new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = 1008, Height = 1008 }""",
            "FSPEC1002.Use.1008",
            fixes: 2);
    }

    [Fact]
    public async Task Fix_all_clamps_width_and_height_to_the_providers_bound()
    {
        await VerifyFixAsync(
            """new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = {|FSPEC1006:2000|}, Height = {|FSPEC1006:1600|} }.Validate("magnific")""",
            """new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = 1440, Height = 1440 }.Validate("magnific")""",
            "FSPEC1006.Use.1440",
            fixes: 2);
    }

    [Fact]
    public async Task Fix_all_adds_the_aspect_ratio_once_for_width_and_height()
    {
        // One fix resolves both diagnostics; fix-all must not write AspectRatio twice.
        await VerifyFixAsync(
            """new Flux2ProRequest { Prompt = "x", Width = {|FSPEC1005:1024|}, Height = {|FSPEC1005:768|} }""",
            """new Flux2ProRequest { Prompt = "x", Width = 1024, Height = 768, AspectRatio = Flux2ProAspectRatio.Custom }""",
            "FSPEC1005.Set.AspectRatio",
            fixes: 1);
    }
}
