namespace Slipway.Gates;

/// <summary>How a command ended: its exit code, how long it took, and its last lines (secrets masked).</summary>
public sealed record ShellResult(int ExitCode, TimeSpan Duration, IReadOnlyList<string> Tail);
