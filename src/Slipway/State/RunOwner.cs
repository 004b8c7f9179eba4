using System.Diagnostics;

namespace Slipway.State;

/// <summary>
/// The process driving a run. A run owned by a live process on this host is busy; an owner that died (a crash, a
/// SIGKILL) or whose lease ran out leaves the run to whoever resumes it.
/// </summary>
public sealed record RunOwner(string Token, string Host, int ProcessId)
{
    public static RunOwner ForThisProcess() =>
        new(Guid.NewGuid().ToString("N"), Environment.MachineName, Environment.ProcessId);

    public bool IsSameAs(RunOwner other) => other is not null && Token == other.Token;

    /// <summary>True unless the owner is known to be gone: on this host, its process no longer exists.</summary>
    public bool IsAlive()
    {
        if (!string.Equals(Host, Environment.MachineName, StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public override string ToString() => $"process {ProcessId} on {Host}";
}
