using System.Text.Json.Nodes;
using Slipway.Configuration;
using Slipway.Git;
using Slipway.Oci;
using Slipway.Pipeline.Images;
using Slipway.Pipeline.Outputs;
using Slipway.Signing;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Promotes each pushed image to its release tags, digest-preserving. Before the first release tag moves: every
/// prerelease tag must still name the built digest, the signature must verify, and (with <c>[scan] rescan</c>) the
/// digest is scanned again, since findings published while the release waited count. Floating tags move only for
/// the highest released version in their scope, judged from the remote's release tags. Each tag's previous digest is
/// journaled before it moves, so a partial failure is undone exactly: tags that moved are restored, others untouched.
/// </summary>
public sealed class PromoteImagesStep(RunPorts ports) : ReleaseStep
{
    public override string Name => StepNames.PromoteImages;

    public override IReadOnlyList<string> DependsOn => [StepNames.Approval, StepNames.PushPrerelease];

    public override StepPhase Phase => StepPhase.AfterApproval;

    public override string Description => "re-check prerelease tags, signature and scan, then move the release tags (floating ones only for the highest release)";

    public override bool CanCompensate => true;

    public override StepCondition Condition(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ImageStepSupport.ImagesConfigured(config);
    }

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var images = await ImageStepSupport.PushedAsync(context, cancellationToken);
        var (version, _, fields) = await ImageStepSupport.VersionAsync(context, cancellationToken);
        using var registry = ports.Registry(RegistryRole.Release, context.Services);
        var tags = new RegistryImageTags(registry);
        var moves = ((await context.OwnProgressAsync<TagMoveProgress>(cancellationToken))?.Moves ?? []).ToList();
        var started = moves.Count > 0;
        var scan = context.Config.Scan;

        // A re-run after some tags moved skips the checks: the prerelease tags may be cleaned up by then, and the digest
        // was checked before the first move.
        if (!started)
        {
            await CheckPrereleaseTagsAsync(images, tags, cancellationToken);
            await VerifySignaturesAsync(context, ports, registry, images, cancellationToken);
            if (scan is { Rescan: true })
            {
                var verdict = await ScanStep.ScanAsync(context, images, cancellationToken);
                context.Report($"rescan: {verdict.Summary()}");
                if (!verdict.Passed)
                {
                    throw PipelineErrors.ScanBlocked(verdict.Summary());
                }
            }
        }

        using var repository = GitRepository.Open(context.Config.RootDirectory);
        var released = ReleasedVersions.OnRemote(repository, context.Config.Forge.Remote, context.Config.Project.Tag, context.Config.Project.Scheme);
        var promoted = new List<PushedImage>();
        var decisions = new List<PromotionDecision>();
        var plans = new List<(PushedImage Image, ImageSection Section, List<string> Tags)>();
        foreach (var image in images)
        {
            var section = context.Config.Images.First(i => i.Repository.ToString() == image.Repository);
            var moving = new List<string>();
            foreach (var template in section.ReleaseTags)
            {
                var tag = ImageSection.RenderTags([template], fields)[0];
                var decision = FloatingTagPolicy.Decide(template, version, released);
                decisions.Add(new PromotionDecision(image.Repository, tag, decision.Moves, context.FreeText(decision.Reason)));
                context.Report($"{image.Repository}:{tag} {(decision.Moves ? "moves" : "stays")}: {decision.Reason}");
                if (decision.Moves && !moving.Contains(tag))
                {
                    moving.Add(tag);
                }
            }

            plans.Add((image, section, moving));
        }

        // Journal every planned move with what the tag names now, before the first PUT.
        foreach (var (image, _, moving) in plans)
        {
            foreach (var tag in moving.Where(t => !moves.Any(m => m.Repository == image.Repository && m.Tag == t)))
            {
                moves.Add(new TagMove(image.Repository, tag, image.Digest.ToString(), await tags.ResolveAsync(image.Repository, tag, cancellationToken)));
            }
        }

        await context.SaveProgressAsync(new PromotionProgress { Moves = moves, Decisions = decisions }, cancellationToken);

        foreach (var (image, _, moving) in plans.Where(p => p.Tags.Count > 0))
        {
            var digest = image.Digest;
            var result = await ImagePromotion.PromoteAsync(registry, new PromoteRequest(ImageReference.Parse(image.Repository).WithDigest(digest), digest, moving), cancellationToken);
            if (!result.Succeeded)
            {
                throw PipelineErrors.PromotionIncomplete(
                    image.Repository,
                    result.MovedTags,
                    result.Tags.Where(t => !t.Verified).Select(t => t.Error is null ? t.Tag : $"{t.Tag} ({t.Error})"));
            }

            context.Report($"promoted {image.Repository}@{image.Digest} to {string.Join(", ", moving)}");
            promoted.Add(image with { Tags = moving });
        }

        return StepResult.Done(new PromotedImages(promoted, moves, decisions));
    }

    public override async Task CompensateAsync(StepContext context, JsonObject outputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(outputs);
        using var registry = ports.Registry(RegistryRole.Release, context.Services);
        await ImageStepSupport.UndoTagMovesAsync(context, registry, StepOutputJson.Read<TagMoveProgress>(outputs, Name).Moves, cancellationToken);
    }

    private static async Task CheckPrereleaseTagsAsync(IReadOnlyList<PushedImage> images, RegistryImageTags tags, CancellationToken cancellationToken)
    {
        foreach (var image in images)
        {
            foreach (var tag in image.Tags)
            {
                var current = await tags.ResolveAsync(image.Repository, tag, cancellationToken);
                if (current != image.Digest.ToString())
                {
                    throw PipelineErrors.PrereleaseTagMoved($"{image.Repository}:{tag}", image.Digest.ToString(), current);
                }
            }
        }
    }

    private static async Task VerifySignaturesAsync(StepContext context, RunPorts ports, RegistryClient registry, IReadOnlyList<PushedImage> images, CancellationToken cancellationToken)
    {
        if (context.Config.Signing.Key is null)
        {
            return;
        }

        using var signer = ports.Signer(context.Services);
        var verifier = new ImageVerifier(registry, signer.PublicKey);
        foreach (var image in images)
        {
            var report = await verifier.VerifyAsync(ImageStepSupport.At(image, image.Digest), [], cancellationToken);
            report.EnsurePassed();
        }
    }
}
