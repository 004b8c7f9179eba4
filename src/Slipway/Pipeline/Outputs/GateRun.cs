namespace Slipway.Pipeline.Outputs;

/// <summary>One gate's command as it ran: its exit code, duration and log (relative to the repository root).</summary>
public sealed record GateRun(string Name, int ExitCode, double Seconds, string Log);
