using System.Diagnostics;
using Slipway.Diagnostics;

namespace Slipway.Pipeline;

/// <summary>
/// Test-only fault injection for the crash-safety tests: <c>SLIPWAY_TEST_CRASH_AFTER=STEP</c> kills this process
/// (SIGKILL, no cleanup) right after STEP's success is journaled; <c>STEP:unrecorded</c> kills it after the side
/// effect but before the journal records it. Nothing else reads the variable.
/// </summary>
internal sealed class CrashInjection
{
    public const string Variable = "SLIPWAY_TEST_CRASH_AFTER";
    private const string UnrecordedSuffix = ":unrecorded";

    private readonly string? _value;

    public CrashInjection(IEnvironment environment) => _value = environment.GetVariable(Variable);

    public void AfterSideEffect(string step)
    {
        if (_value == step + UnrecordedSuffix)
        {
            Die();
        }
    }

    public void AfterRecorded(string step)
    {
        if (_value == step)
        {
            Die();
        }
    }

    private static void Die()
    {
        using var self = Process.GetCurrentProcess();
        self.Kill();
    }
}
