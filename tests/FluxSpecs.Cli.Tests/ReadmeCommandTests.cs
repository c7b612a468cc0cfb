using System.Text;
using System.Text.RegularExpressions;

namespace FluxSpecs.Cli.Tests;

/// <summary>
/// Every CLI command in README.md runs, with the exit code the README states (0 unless a trailing <c># exit N</c> says
/// otherwise), so the README cannot rot. The build and test commands are the ones .ci/run runs.
/// </summary>
[Collection(ProcessWideState.Name)]
public sealed partial class ReadmeCommandTests
{
    private const string Prefix = "dotnet run --project src/FluxSpecs.Cli -- ";

    public static TheoryData<string> Commands() => [.. ReadmeCommands()];

    private static IEnumerable<string> ReadmeCommands() =>
        File.ReadAllLines(Path.Combine(RepositoryRootAttribute.Value, "README.md"))
            .Where(line => line.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(line => line[Prefix.Length..]);

    [Fact]
    public void The_readme_shows_every_command_of_the_cli()
    {
        var shown = ReadmeCommands().Select(command => command.Split(' ')[0]).ToHashSet();

        Assert.Superset(shown, new HashSet<string> { "models", "describe", "validate", "payload", "price", "generate", "emulator", "batch" });
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_readme_command_runs_with_the_exit_code_the_readme_states(string command)
    {
        var expected = ExitComment().Match(command) is { Success: true } exit ? int.Parse(exit.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        // A path into the repository (samples/…) is read from the repository, wherever the command runs.
        var args = Split(ExitComment().Replace(command, "").Split('#')[0])
            .Select(arg => arg.StartsWith("samples/", StringComparison.Ordinal) ? Path.Combine(RepositoryRootAttribute.Value, arg) : arg)
            .ToArray();
        var directory = Directory.CreateTempSubdirectory("fluxspecs-readme-");
        var previous = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = directory.FullName; // generate saves its image here
            var (code, error) = args[0] == "emulator" ? (await RunUntilListening(args), "") : await RunToEnd(args);

            Assert.True(expected == code, $"exit {code}, expected {expected}; standard error: {error}");
            if (args[0] == "generate" && code == 0)
            {
                // "It prints … the path of the saved image": the image is there, and is one.
                var saved = Assert.Single(directory.GetFiles());
                Assert.NotNull(Images.ImageFormats.Sniff(File.ReadAllBytes(saved.FullName)));

                // …and weighs what a provider's 1 MP image does (about 0.1–2 MB by format), not a flat few KB nor 3 MB of WebP.
                Assert.InRange(saved.Length, 50_000, 2_500_000);
            }
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            directory.Delete(recursive: true);
        }
    }

    private static async Task<(int Code, string Error)> RunToEnd(string[] args)
    {
        var result = await Cli.RunAsync(args);
        return (result.ExitCode, result.Error);
    }

    /// <summary>The emulator runs until Ctrl+C: stop it once it listens.</summary>
    private static async Task<int> RunUntilListening(string[] args)
    {
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource();
        var run = CliApp.RunAsync(args, output, TextWriter.Null, TextReader.Null, Models.ModelCatalog.Models, stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!output.ToString().Contains("Ctrl+C to stop.", StringComparison.Ordinal) && !run.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        return await run;
    }

    /// <summary>Splits a shell line on spaces, keeping double-quoted words whole.</summary>
    private static string[] Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        foreach (var c in line.Trim())
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }
            }
            else
            {
                word.Append(c);
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return [.. words];
    }

    [GeneratedRegex(@"#\s*exit (?<code>\d+)[^#]*$")]
    private static partial Regex ExitComment();
}

/// <summary>The README's C# example compiles against the real API (it is not run: it would call a real provider).</summary>
public sealed partial class ReadmeCodeTests
{
    [Fact]
    public void The_readme_csharp_example_compiles()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRootAttribute.Value, "README.md"));
        var example = CSharpBlock().Match(readme);
        Assert.True(example.Success, "README.md has no ```csharp block");
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.Extensions.*.dll"))
            .Append(typeof(IModelRequest).Assembly.Location)
            .Append(typeof(Models.ModelCatalog).Assembly.Location)
            .Select(path => (Microsoft.CodeAnalysis.MetadataReference)Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(path));
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "Readme",
            [
                Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(example.Groups["code"].Value, new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest)),
                Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(ImplicitUsings, new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest)),
            ],
            references,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.ConsoleApplication, nullableContextOptions: Microsoft.CodeAnalysis.NullableContextOptions.Enable));

        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => d.ToString()));
    }

    [Fact]
    public void The_readme_price_comment_is_what_its_request_prices()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRootAttribute.Value, "README.md"));
        var comment = PriceComment().Match(readme);
        Assert.True(comment.Success, "README.md has no EstimatePrice(\"bfl\") line with a comment");
        Assert.Contains("AspectRatio = Flux2ProAspectRatio.Custom,", readme, StringComparison.Ordinal);
        Assert.Contains("Width = 1440,", readme, StringComparison.Ordinal);
        Assert.Contains("Height = 768,", readme, StringComparison.Ordinal);

        var request = new Models.Flux2Pro.Flux2ProRequest { Prompt = "A lighthouse at dusk, watercolor", AspectRatio = Models.Flux2Pro.Flux2ProAspectRatio.Custom, Width = 1440, Height = 768 };

        Assert.Equal(comment.Groups["price"].Value.Trim(), request.EstimatePrice("bfl").ToString());
    }

    [GeneratedRegex(@"request\.EstimatePrice\(""bfl""\)\);\s*//(?<price>[^\n]*)")]
    private static partial Regex PriceComment();

    /// <summary>What a new console project's <c>ImplicitUsings</c> gives the README's reader.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [GeneratedRegex("```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
