using System.Runtime.InteropServices;

namespace Slipway.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        // Ctrl+C (or SIGTERM) cancels the running command instead of killing the process, so a release run can mark
        // itself cancelled and roll back. A second Ctrl+C during that rollback ends the process the usual way.
        using var cancellation = new CancellationTokenSource();
        void Cancel(PosixSignalContext context)
        {
            context.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        return await SlipwayApp.RunAsync(args, CliHost.FromProcess(), cancellation.Token);
    }
}
