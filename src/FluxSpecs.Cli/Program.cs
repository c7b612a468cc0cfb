using System.Runtime.InteropServices;
using FluxSpecs.Cli;
using FluxSpecs.Models;

// Ctrl+C (SIGINT) and SIGTERM cancel the running command instead of killing the process, so generate can cancel the
// remote job and the emulator can stop cleanly; the command then ends with its own exit code (130 when canceled).
using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await CliApp.RunAsync(args, Console.Out, Console.Error, Console.In, ModelCatalog.Models, stop.Token);

void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    stop.Cancel();
}
