using System.Diagnostics;
using System.Globalization;
using Slipway.Diagnostics;

namespace Slipway.Tests.Fuzz;

/// <summary>
/// Seeded property checks over a parser: every input must end in success or a coded <see cref="SlipwayException"/> —
/// never another exception — within a time and an allocation bound. Input <c>i</c> is generated from its own seed, so a
/// failure names the one seed that replays it: <c>SLIPWAY_FUZZ_REPLAY=seed</c> runs that input alone.
/// <c>SLIPWAY_FUZZ_ITERATIONS</c> raises the number of inputs (default: a few thousand, a few seconds);
/// <c>SLIPWAY_FUZZ_SEED</c> changes the base seed.
/// </summary>
internal static class Fuzzer
{
    public static void Check(
        string name,
        int iterations,
        Func<Random, byte[]> generate,
        Action<byte[]> parse,
        long maxBytesPerInput = 32L * 1024 * 1024,
        double secondsPerInput = 2)
    {
        var baseSeed = EnvironmentNumber("SLIPWAY_FUZZ_SEED") ?? StableHash(name);
        var replay = EnvironmentNumber("SLIPWAY_FUZZ_REPLAY");
        var count = replay is null ? (int)(EnvironmentNumber("SLIPWAY_FUZZ_ITERATIONS") ?? iterations) : 1;
        string? failure = null;
        long currentSeed = 0;
        byte[] currentInput = [];
        var inputClock = new Stopwatch();
        var done = 0;
        var worker = new Thread(() =>
        {
            for (var i = 0; i < count && failure is null; i++)
            {
                var seed = replay ?? (baseSeed * 1_000_003) + i;
                var input = generate(new Random(unchecked((int)(seed ^ (seed >> 32)))));
                currentSeed = seed;
                currentInput = input;
                var before = GC.GetAllocatedBytesForCurrentThread();
                inputClock.Restart();
                try
                {
                    parse(input);
                }
                catch (SlipwayException)
                {
                }
#pragma warning disable CA1031 // Do not catch general exception types: any other exception is the finding being reported.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failure = $"threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}";
                }

                inputClock.Stop();
                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if (failure is null && allocated > maxBytesPerInput)
                {
                    failure = $"allocated {allocated} bytes (at most {maxBytesPerInput})";
                }

                if (failure is null && inputClock.Elapsed > TimeSpan.FromSeconds(secondsPerInput))
                {
                    failure = $"took {inputClock.Elapsed} (at most {secondsPerInput} s)";
                }

                done = i + 1;
            }
        }, maxStackSize: 16 * 1024 * 1024) { IsBackground = true };
        worker.Start();
        while (!worker.Join(100))
        {
            if (inputClock.IsRunning && inputClock.Elapsed > TimeSpan.FromSeconds(secondsPerInput * 5))
            {
                failure = $"still running after {inputClock.Elapsed}";
                break;
            }
        }

        Assert.True(
            failure is null,
            $"{name}: input {done} of {count} {failure}\nreplay: SLIPWAY_FUZZ_REPLAY={currentSeed.ToString(CultureInfo.InvariantCulture)}\ninput ({currentInput.Length} bytes): {Preview(currentInput)}");
    }

    private static string Preview(byte[] input) =>
        Convert.ToBase64String(input.AsSpan(0, Math.Min(input.Length, 2048)));

    private static long? EnvironmentNumber(string name) =>
        long.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    // string.GetHashCode is randomised per process; the base seed must not be.
    private static long StableHash(string text)
    {
        long hash = 1469598103;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 1099511628211);
        }

        return hash & 0x7FFFFFFF;
    }
}
