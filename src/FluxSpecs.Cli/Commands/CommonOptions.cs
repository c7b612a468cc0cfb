using System.CommandLine;

namespace FluxSpecs.Cli.Commands;

/// <summary>Options several commands share, named as in the CLI contract.</summary>
internal static class CommonOptions
{
    public static Option<string> Model() => new("--model") { Description = "The model id (see 'fluxspecs models').", Required = true };

    public static Option<string?> Provider(string description = "The provider id.") => new("--provider") { Description = description };

    public static Option<string?> Request() => new("--request") { Description = "A JSON request keyed by parameter names: a file, or - for standard input." };

    public static Option<string[]> Set() => new("--set") { Description = "name=value for one parameter; repeat for several, and for list items.", AllowMultipleArgumentsPerToken = false };

    public static Option<bool> Json() => new("--json") { Description = "Machine-readable output." };

    /// <summary>An emulator fault plan from <paramref name="source"/> (an option or a variable); a usage error naming it when malformed.</summary>
    public static Emulator.Faults.FaultPlan ParseFaults(string plan, string source)
    {
        try
        {
            return Emulator.Faults.FaultPlan.Parse(plan);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{source}: {e.Message}");
        }
    }
}
