using Slipway.Configuration;
using Slipway.Pipeline.Images;
using Slipway.Pipeline.Outputs;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// After the release: removes the per-version prerelease tags (those naming this version or commit) and keeps the
/// floating one (<c>prerelease</c>). A tag that names something else by now is left alone.
/// </summary>
public sealed class CleanupPrereleaseStep(RunPorts ports) : ReleaseStep
{
    public override string Name => StepNames.CleanupPrerelease;

    public override IReadOnlyList<string> DependsOn => [StepNames.CreateRelease, StepNames.PromoteImages];

    public override StepPhase Phase => StepPhase.AfterRelease;

    public override string Description => "remove the per-version prerelease tags; keep the floating one";

    public override StepCondition Condition(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ImageStepSupport.ImagesConfigured(config);
    }

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var images = await ImageStepSupport.PushedAsync(context, cancellationToken);
        var (_, _, fields) = await ImageStepSupport.VersionAsync(context, cancellationToken);
        using var registry = ports.Registry(RegistryRole.Prerelease, context.Services);
        var tags = new RegistryImageTags(registry);
        var removed = new List<UntaggedImage>();
        foreach (var image in images)
        {
            var section = context.Config.Images.First(i => i.Repository.ToString() == image.Repository);
            var perVersion = section.PrereleaseTags
                .Where(t => t.Uses("version") || t.Uses("sha") || t.Uses("sha7") || t.Uses("patch") || t.Uses("prerelease"))
                .Select(t => ImageSection.RenderTags([t], fields)[0]);
            foreach (var tag in perVersion)
            {
                await tags.UntagAsync(image.Repository, tag, image.Digest.ToString(), cancellationToken);
                removed.Add(new UntaggedImage(image.Repository, tag));
                context.Report($"removed {image.Repository}:{tag}");
            }
        }

        return StepResult.Done(new PrereleaseCleanup(removed));
    }
}
