using System.Text.Json.Nodes;
using Slipway.Configuration;
using Slipway.Oci;
using Slipway.Pipeline.Images;
using Slipway.Pipeline.Outputs;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Pushes each <c>[[image]]</c> layout by digest, then points every prerelease tag at it, journaling what each tag
/// named before it moves. Rolling back restores the prerelease tags (a floating one to its previous digest, a
/// per-version one removed), then puts back the signature and attestation tags the signing steps wrote (their own
/// rollback is this one, so the order is DESIGN.md invariant 4's): a prerelease tag must never be left naming an image
/// whose signature is gone.
/// </summary>
public sealed class PushPrereleaseStep : ReleaseStep
{
    private static readonly string[] SigningSteps = [StepNames.AttestProvenance, StepNames.AttestSbom, StepNames.Sign];

    public override string Name => StepNames.PushPrerelease;

    public override IReadOnlyList<string> DependsOn => [StepNames.Build];

    public override StepPhase Phase => StepPhase.BeforeApproval;

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
            var layout = OciLayout.Open(path, cancellationToken);
            var pushed = await ImagePush.PushAsync(registry, layout, name, image.Repository.WithDigest(layout.Select(name).Digest), cancellationToken: cancellationToken);
            var digest = pushed.Digest.ToString();
            var repository = image.Repository.ToString();
            var platforms = (await ImageInspection.InspectAsync(registry, image.Repository.WithDigest(pushed.Digest), cancellationToken)).Platforms
                .Select(p => new PlatformDigest(p.Platform.ToString(), p.Digest))
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
            images.Add((JsonNode)new PushedImage(repository, pushed.Digest, platforms, prerelease).ToJson());
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
        await ImageStepSupport.UndoTagMovesAsync(context, registry, moves, cancellationToken);

        // Then the signatures and attestations, each tag back where it was before this run (invariant 4: last).
        var steps = await context.Journal.StepsAsync(context.Run.Id, cancellationToken);
        foreach (var name in SigningSteps)
        {
            var restored = await ArtifactTags.RestoreAsync(registry, steps.FirstOrDefault(s => s.Name == name)?.Outputs, name, cancellationToken);
            if (restored.Count > 0)
            {
                context.Report(string.Join(", ", restored));
            }
        }
    }
}
