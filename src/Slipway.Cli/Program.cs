using System.Runtime.InteropServices;

namespace Slipway.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        // Ctrl+C (or SIGTERM) cancels the running command instead of killing the process, so a release run can mark
        // itself cancelled and roll back.
        using var cancellation = new CancellationTokenSource();
        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            cancellation.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        return await SlipwayApp.RunAsync(args, CliHost.FromProcess(), cancellation.Token);
    }
}
