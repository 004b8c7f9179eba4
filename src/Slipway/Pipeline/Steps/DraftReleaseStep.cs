using System.Text.Json.Nodes;
using Slipway.Forges;
using Slipway.Pipeline.Outputs;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Stages the release on a forge with drafts: the draft at the built commit with every asset, reusing a draft an
/// interrupted run left. Reversible: a rollback deletes the draft only when this run created it.
/// </summary>
public sealed class DraftReleaseStep(RunPorts ports) : ReleaseStep
{
    public override string Name => StepNames.DraftRelease;

    public override IReadOnlyList<string> DependsOn => [StepNames.Approval];

    public override StepPhase Phase => StepPhase.AfterApproval;

    public override string Description => $"stage the {ports.ForgeKind} release as a draft at the built commit and upload every asset";

    public override bool CanCompensate => true;

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var forge = ports.Forge(context.Services);
        var earlier = await context.OwnProgressAsync<DraftReleased>(cancellationToken);
        // Read (and every digest checked) before the draft exists; a resume reads again exactly what the first attempt chose.
        var images = forge.HasDrafts ? await ImageReleaseAssets.ReadAsync(context, ports, earlier?.FromRegistry, cancellationToken) : [];
        var planned = images.Select(i => i.Plan).ToList();
        var request = await ReleaseRequests.ForAsync(context, forge.HasDrafts, [.. images.Select(i => ImageReleaseAssets.ToReleaseAsset(i.Plan, i.Content))], cancellationToken);
        if (await forge.FindReleaseAsync(request.Tag, cancellationToken) is { } existing)
        {
            context.Report($"{request.Tag} is already published ({existing.Location}); nothing to stage");
            return StepResult.Done(new DraftReleased(request.Tag, 0, false, []));
        }

        var assets = request.Assets.Select(a => a.Name).ToList();
        // A draft this run created in an attempt that then failed is still this run's, to delete on rollback.
        bool Created(ForgeDraft d) => d.Created || (earlier is { Created: true } && earlier.Id == d.Id);
        var draft = await forge.DraftAsync(
            request,
            (staged, token) => context.SaveProgressAsync(new DraftReleased(staged.Tag, staged.Id, Created(staged), assets, planned), token),
            cancellationToken);
        if (draft is null)
        {
            return StepResult.Done(new DraftReleased(request.Tag, 0, false, []));
        }

        var output = new DraftReleased(request.Tag, draft.Id, Created(draft), assets, planned);
        context.Report($"draft {request.Tag} {(draft.Created ? "created" : "reused")} with {request.Assets.Count} asset(s)");
        return StepResult.Done(output);
    }

    public override async Task CompensateAsync(StepContext context, JsonObject outputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Count == 0)
        {
            return;
        }

        var draft = Outputs.StepOutputJson.Read<DraftReleased>(outputs, Name);
        if (draft is { Created: true, Id: > 0 })
        {
            using var forge = ports.Forge(context.Services);
            await forge.DiscardDraftAsync(new ForgeDraft(draft.Tag, draft.Id, Created: true), cancellationToken);
        }
    }
}
