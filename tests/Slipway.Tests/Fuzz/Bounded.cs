using System.Diagnostics;
using Slipway.Diagnostics;

namespace Slipway.Tests.Fuzz;

/// <summary>
/// Runs parsing code on a thread of its own and measures it: whether it ended within a time, what it allocated (that
/// thread's count, so tests running in parallel do not add to it) and what it threw. A loop that never ends fails the
/// test instead of hanging it; the thread is a background thread and dies with the test process.
/// </summary>
internal static class Bounded
{
    public sealed record Outcome(bool Finished, long AllocatedBytes, Exception? Exception, TimeSpan Elapsed);

    public static Outcome Run(Action action, TimeSpan timeout)
    {
        Exception? exception = null;
        long allocated = 0;
        var clock = Stopwatch.StartNew();
        var thread = new Thread(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                action();
            }
#pragma warning disable CA1031 // Do not catch general exception types: the caller asserts on whatever was thrown.
            catch (Exception e)
#pragma warning restore CA1031
            {
                exception = e;
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }, maxStackSize: 16 * 1024 * 1024) { IsBackground = true };
        thread.Start();
        var finished = thread.Join(timeout);
        return new Outcome(finished, allocated, exception, clock.Elapsed);
    }

    /// <summary>Asserts that <paramref name="action"/> ends within the time and allocation, failing with a coded error.</summary>
    public static SlipwayException Fails(Action action, long maxBytes = 64L * 1024 * 1024, double seconds = 5)
    {
        var outcome = Run(action, TimeSpan.FromSeconds(seconds));
        Assert.True(outcome.Finished, $"still running after {seconds} s");
        Assert.True(outcome.AllocatedBytes <= maxBytes, $"allocated {outcome.AllocatedBytes} bytes (at most {maxBytes})");
        return Assert.IsType<SlipwayException>(outcome.Exception);
    }
}
