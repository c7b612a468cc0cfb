using Microsoft.Extensions.Hosting;

namespace FluxSpecs.Emulator.Hosting;

/// <summary>
/// A host lifetime that takes no signals. The emulator runs inside other programs (tests, the CLI); the default console
/// lifetime would take Ctrl+C and SIGTERM for itself, so the program hosting it would never see them.
/// </summary>
internal sealed class SignalNeutralLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
