namespace FluxSpecs.Cli;

/// <summary>The command line asks for something that cannot be done as written (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
