using Slipway.Configuration;
using Slipway.Pipeline.Images;
using Slipway.Pipeline.Outputs;
using Slipway.State;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Waits for a human: succeeds once the journal holds an approval for this run (from <c>slipway approve</c>, or
/// journaled by <c>--yes</c> on behalf of an approver before the run went on); otherwise the run pauses, awaiting approval.
/// Before it waits it journals what approving will do: each release tag, the digest it names now and the one it will get.
/// </summary>
public sealed class ApprovalStep(RunPorts ports, IReadOnlyList<string> dependsOn) : ReleaseStep
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
            // Read afresh on every attempt: the page shows the tags as they are while the run waits.
            if (await ReleaseTagPreview.ReadAsync(context, ports, cancellationToken) is { } preview)
            {
                await context.SaveProgressAsync(preview, cancellationToken);
            }

            return StepResult.WaitForApproval();
        }

        // What the approver was shown, or (approved before the step ever waited: --yes) what the tags name now.
        var shown = await context.OwnProgressAsync<ApprovalPreview>(cancellationToken) ?? await ReleaseTagPreview.ReadAsync(context, ports, cancellationToken);
        context.Report($"approved by {approval.Actor}");
        return StepResult.Done(new ApprovalRecord(approval.Actor, approval.At, shown?.Tags));
    }
}
