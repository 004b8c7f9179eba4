using System.Text.Json.Nodes;
using Slipway.Configuration;
using Slipway.Oci;
using Slipway.Pipeline.Images;
using Slipway.Signing;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Pushes each <c>[[image]]</c> layout by digest, then points every prerelease tag at it, journaling what each tag
/// named before it moves. Rolling back restores the prerelease tags (a floating one to its previous digest, a
/// per-version one removed), then removes the signatures and attestations of the index and platform digests: a
/// prerelease tag must never be left naming an image whose signature is gone.
/// </summary>
public sealed class PushPrereleaseStep : ReleaseStep
{
    public override string Name => StepNames.PushPrerelease;

    public override IReadOnlyList<string> DependsOn => [StepNames.Build];

    public override string Description => "push every [[image]] layout by digest, then move its prerelease tags (recording what each named before)";

    public override bool CanCompensate => true;

    public override StepCondition Condition(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ImageStepSupport.ImagesConfigured(config);
    }

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (_, _, fields) = await ImageStepSupport.VersionAsync(context, cancellationToken);

        // A re-run keeps the previous digests it recorded: by now the tags may name this run's digest already.
        var moves = TagMoveJson.Read(await context.OwnProgressAsync(cancellationToken)).ToList();
        using var registry = ImageStepSupport.Registry(context);
        var tags = new RegistryImageTags(registry);
        var images = new JsonArray();
        foreach (var image in context.Config.Images)
        {
            var (path, name) = OciLayout.SplitArgument(image.Layout, context.Config.RootDirectory);
            var layout = OciLayout.Open(path);
            var pushed = await ImagePush.PushAsync(registry, layout, name, image.Repository.WithDigest(layout.Select(name).Digest), cancellationToken: cancellationToken);
            var digest = pushed.Digest.ToString();
            var repository = image.Repository.ToString();
            var platforms = (await ImageInspection.InspectAsync(registry, image.Repository.WithDigest(pushed.Digest), cancellationToken)).Platforms
                .Select(p => new PlatformDigest(p.Platform.ToString(), p.Digest.ToString()))
                .ToList();
            var prerelease = ImageSection.RenderTags(image.PrereleaseTags, fields);
            foreach (var tag in prerelease)
            {
                if (!moves.Any(m => m.Repository == repository && m.Tag == tag))
                {
                    moves.Add(new TagMove(repository, tag, digest, await tags.ResolveAsync(repository, tag, cancellationToken)));
                    await context.SaveProgressAsync(new JsonObject { [TagMoveJson.MovesKey] = TagMoveJson.Write(moves) }, cancellationToken);
                }

                await tags.TagAsync(repository, tag, digest, cancellationToken);
            }

            context.Report($"pushed {repository}@{digest} ({pushed.BlobsUploaded} blobs uploaded, {pushed.BlobsSkipped} present), tagged {string.Join(", ", prerelease)}");
            images.Add((JsonNode)new PushedImage(repository, digest, platforms, prerelease).ToJson());
        }

        return StepResult.Done(new JsonObject
        {
            [PushedImage.ImagesKey] = images,
            [TagMoveJson.MovesKey] = TagMoveJson.Write(moves),
        });
    }

    public override async Task CompensateAsync(StepContext context, JsonObject outputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(outputs);
        using var registry = ImageStepSupport.Registry(context);
        var moves = TagMoveJson.Read(outputs);
        foreach (var action in await TagRollback.UndoAsync(new RegistryImageTags(registry), moves, cancellationToken))
        {
            context.Report($"{action.Move.Repository}:{action.Move.Tag} {action.Kind.ToString().ToLowerInvariant()}");
        }

        // The platform digests are journaled, not read from the index: the index may be gone once its last tag is.
        var digests = PushedImage.ListFrom(outputs)
            .SelectMany(i => i.AllDigests.Select(d => (i.Repository, Digest: d)))
            .Concat(moves.Select(m => (m.Repository, m.Digest)))
            .Distinct();
        foreach (var (repository, digest) in digests)
        {
            var removed = await ImageSigning.RemoveAsync(registry, ImageReference.Parse(repository), Digest.Parse(digest), cancellationToken);
            if (removed.Count > 0)
            {
                context.Report($"removed {string.Join(", ", removed.Select(r => r.Tag))}");
            }
        }
    }
}
