using Slipway.Forges;
using Slipway.Pipeline.Outputs;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Makes the release public, last: at the built commit recorded by detect-version (never a later HEAD), with the
/// rendered notes when the changelog step ran. The point of no return.
/// </summary>
public sealed class CreateReleaseStep(IForge forge, IReadOnlyList<string> dependsOn) : ReleaseStep
{
    public override string Name => StepNames.CreateRelease;

    public override IReadOnlyList<string> DependsOn => dependsOn;

    public override string Description => $"create the public release with the {forge.Kind} forge, at the built commit";

    public override bool Irreversible => true;

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var detected = await context.OutputOfAsync<DetectedVersion>(StepNames.DetectVersion, cancellationToken);
        var (tag, commit) = (detected.Tag, detected.Commit);
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

        // The body compose-notes journaled before the approval, so a resume publishes the text the approver saw.
        var composed = await context.TryOutputOfAsync<ComposedNotes>(StepNames.ComposeNotes, cancellationToken);
        var changelog = composed is null ? await context.TryOutputOfAsync<RenderedChangelog>(StepNames.ChangelogRender, cancellationToken) : null;
        var notes = composed?.Body ?? changelog?.Notes ?? $"{context.Config.Project.Name} {detected.Version}";
        var release = await forge.CreateReleaseAsync(tag, commit, notes, cancellationToken);
        context.Report($"released {tag} at {commit[..7]} ({release.Location})");
        return StepResult.Done(Outputs(context, release, created: true));
    }

    private static ReleaseCreated Outputs(StepContext context, ForgeRelease release, bool created) =>
        new(release.Tag, release.Commit, context.FreeText(release.Location), created);
}
