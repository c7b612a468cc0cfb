namespace FluxSpecs.Cli.Tests;

/// <summary>
/// Tests that change what the whole process shares — environment variables (API keys,
/// <c>FLUXSPECS_EMULATOR_FAULTS</c>) or the current directory — run one at a time, so a fault plan set for one test
/// never reaches another test's in-process emulator.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideState
{
    public const string Name = "Process-wide state";
}
