using Slipway.Forges;
using Slipway.Pipeline.Outputs;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Makes the release public, last: at the built commit recorded by detect-version (never a later HEAD), with the
/// rendered notes when the changelog step ran. On a forge with drafts it publishes the draft draft-release staged,
/// and only when every asset is on it. The point of no return.
/// </summary>
public sealed class CreateReleaseStep(RunPorts ports, IReadOnlyList<string> dependsOn) : ReleaseStep
{
    public override string Name => StepNames.CreateRelease;

    public override IReadOnlyList<string> DependsOn => dependsOn;

    public override string Description => $"create the public release with the {ports.ForgeKind} forge, at the built commit";

    public override bool Irreversible => true;

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var forge = ports.Forge(context.Services);
        var drafted = forge.HasDrafts ? await context.TryOutputOfAsync<DraftReleased>(StepNames.DraftRelease, cancellationToken) : null;
        var request = await ReleaseRequests.ForAsync(context, forge.HasDrafts, [.. (drafted?.FromRegistry ?? []).Select(Listed)], cancellationToken);
        var (tag, commit) = (request.Tag, request.Commit);
        var existing = await forge.FindReleaseAsync(tag, cancellationToken);
        if (existing is not null)
        {
            if (existing.Commit != commit)
            {
                throw PipelineErrors.ReleaseTagConflict(tag, existing.Commit, commit);
            }

            context.Report($"{tag} already released at {commit[..7]}");
            return StepResult.Done(Outputs(context, existing, created: false));
        }

        var release = await forge.CreateReleaseAsync(request, cancellationToken);
        context.Report($"released {tag} at {commit[..7]} ({release.Location})");
        return StepResult.Done(Outputs(context, release, created: true));
    }

    /// <summary>Publishing checks the draft's assets by name and digest; it never reads them again.</summary>
    private static ReleaseAsset Listed(ImageAsset asset) =>
        new(asset.Name, asset.ContentType, asset.Sha256, asset.Size, () => throw new InvalidOperationException($"{asset.Name} is not uploaded when publishing"));

    private static ReleaseCreated Outputs(StepContext context, ForgeRelease release, bool created) =>
        new(release.Tag, release.Commit, context.FreeText(release.Location), created);
}
