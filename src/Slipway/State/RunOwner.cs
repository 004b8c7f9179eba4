namespace Slipway.State;

/// <summary>
/// A runner: the process that claims steps of a run. Its host and process id are only shown to people ("held by
/// process 4242 on ci-runner-7"); whether it is alive is decided by its claims' leases alone, never by looking the
/// process up (a process in another PID namespace with the same hostname would pass for it).
/// </summary>
public sealed record RunOwner(string Token, string Host, int ProcessId)
{
    public static RunOwner ForThisProcess() =>
        new(Guid.NewGuid().ToString("N"), Environment.MachineName, Environment.ProcessId);

    public bool IsSameAs(RunOwner other) => other is not null && Token == other.Token;

    public override string ToString() => $"process {ProcessId} on {Host}";
}
