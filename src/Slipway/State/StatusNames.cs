namespace Slipway.State;

/// <summary>The stable text of run and step statuses, as stored in the journal and printed by <c>slipway status</c>.</summary>
public static class StatusNames
{
    public static string Of(RunStatus status) => status switch
    {
        RunStatus.Running => "running",
        RunStatus.AwaitingApproval => "awaiting-approval",
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => "failed",
        RunStatus.RolledBack => "rolled-back",
        RunStatus.CompensationFailed => "compensation-failed",
        RunStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Of(StepStatus status) => status switch
    {
        StepStatus.Pending => "pending",
        StepStatus.Running => "running",
        StepStatus.Succeeded => "succeeded",
        StepStatus.Skipped => "skipped",
        StepStatus.Failed => "failed",
        StepStatus.AwaitingApproval => "awaiting-approval",
        StepStatus.Compensating => "compensating",
        StepStatus.Compensated => "compensated",
        StepStatus.CompensationFailed => "compensation-failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static RunStatus ParseRun(string text) =>
        Enum.GetValues<RunStatus>().Cast<RunStatus?>().FirstOrDefault(s => Of(s!.Value) == text) ?? throw new FormatException($"unknown run status '{text}'");

    public static StepStatus ParseStep(string text) =>
        Enum.GetValues<StepStatus>().Cast<StepStatus?>().FirstOrDefault(s => Of(s!.Value) == text) ?? throw new FormatException($"unknown step status '{text}'");
}
