using Slipway.Configuration;
using Slipway.Git;
using Slipway.Pipeline.Outputs;
using Slipway.Pipeline.Steps;

namespace Slipway.Pipeline.Images;

/// <summary>
/// The release tags promote-images will move, as the approval step reads them before the run waits: each tag's digest
/// in the registry now (null: a new tag), the digest it will name, and the floating tag decision promote-images makes
/// (a floating tag moves only for the highest release). Promote-images reads every tag again before it moves it.
/// </summary>
internal static class ReleaseTagPreview
{
    public static async Task<ApprovalPreview?> ReadAsync(StepContext context, RunPorts ports, CancellationToken cancellationToken)
    {
        if (await context.TryOutputOfAsync<PrereleaseImages>(StepNames.PushPrerelease, cancellationToken) is not { Images.Count: > 0 } pushed)
        {
            return null;
        }

        var (version, _, fields) = await ImageStepSupport.VersionAsync(context, cancellationToken);
        using var repository = GitRepository.Open(context.Config.RootDirectory);
        var released = ReleasedVersions.OnRemote(repository, context.Config.Forge.Remote, context.Config.Project.Tag, context.Config.Project.Scheme);
        using var registry = ports.Registry(RegistryRole.Release, context.Services);
        var tags = new RegistryImageTags(registry);
        var preview = new List<PendingTagMove>();
        foreach (var image in pushed.Images)
        {
            var section = context.Config.Images.First(i => i.Repository.ToString() == image.Repository);
            foreach (var template in section.ReleaseTags)
            {
                var tag = ImageSection.RenderTags([template], fields)[0];
                if (preview.Any(p => p.Repository == image.Repository && p.Tag == tag))
                {
                    continue;
                }

                var decision = FloatingTagPolicy.Decide(template, version, released);
                var now = await tags.ResolveAsync(image.Repository, tag, cancellationToken);
                preview.Add(new PendingTagMove(image.Repository, tag, image.Digest.ToString(), now, decision.Moves, context.FreeText(decision.Reason)));
            }
        }

        return new ApprovalPreview(preview, context.Services.Time.GetUtcNow());
    }
}
