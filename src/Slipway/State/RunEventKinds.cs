namespace Slipway.State;

/// <summary>The kinds of <see cref="RunEvent"/> Slipway writes.</summary>
public static class RunEventKinds
{
    public const string Started = "run-started";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Resumed = "resumed";
    public const string ResumedForced = "resumed-forced";
    public const string Cancelled = "cancelled";
    public const string CompensationStarted = "compensation-started";
    public const string Compensated = "compensated";
    public const string CompensationAction = "compensation-action";
    public const string CompensationFailed = "compensation-failed";
    public const string StepFailed = "step-failed";
    public const string RolledBack = "rolled-back";
    public const string TrackingIssue = "tracking-issue";
}
