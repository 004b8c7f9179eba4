using Slipway.Configuration;
using Slipway.Pipeline.Outputs;
using Slipway.State;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Waits for a human: succeeds once the journal holds an approval for this run (from <c>slipway approve</c>, or
/// journaled by <c>--yes</c> on behalf of an approver before the run went on); otherwise the run pauses, awaiting approval.
/// </summary>
public sealed class ApprovalStep(IReadOnlyList<string> dependsOn) : ReleaseStep
{
    public override string Name => StepNames.Approval;

    public override IReadOnlyList<string> DependsOn => dependsOn;

    public override string Description => "pause until an approver runs 'slipway approve RUN' (or --yes on their behalf)";

    public override StepCondition Condition(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return StepCondition.When("[approval] required = true", config.Approval.Required, "approval not required by the configuration");
    }

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var events = await context.Journal.EventsAsync(context.Run.Id, cancellationToken);
        if (events.LastOrDefault(e => e.Kind == RunEventKinds.Rejected) is { } rejection)
        {
            // A rejection is final, even when the process that rolled it back died and the run is resumed.
            throw PipelineErrors.Rejected(rejection.Actor, rejection.Detail);
        }

        var approval = events.LastOrDefault(e => e.Kind == RunEventKinds.Approved);
        if (approval is null)
        {
            return StepResult.WaitForApproval();
        }

        context.Report($"approved by {approval.Actor}");
        return StepResult.Done(new ApprovalRecord(approval.Actor, approval.At));
    }
}
