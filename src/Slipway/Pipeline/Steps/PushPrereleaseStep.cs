using System.Text.Json.Nodes;
using Slipway.Configuration;
using Slipway.Oci;
using Slipway.Pipeline.Builds;
using Slipway.Pipeline.Images;
using Slipway.Pipeline.Outputs;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Pushes each <c>[[image]]</c> by digest, then points every prerelease tag at it, journaling what each tag named
/// before it moves. Every layout is first checked against the build record (its index.json digest, the manifest taken
/// from it, every blob's content), all of them before anything is pushed, so output handed over from the build machine
/// is used only as it was built. An image of <c>layouts</c> becomes an index written from the journaled platform
/// manifests: each pushed from its layout here, or already pushed by a one-platform build and checked in the registry,
/// byte for byte, never rebuilt. Rolling back restores the prerelease tags (a floating one to its previous digest, a
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

    public override string Description => "check every [[image]] layout against the build record, push it by digest, then move its prerelease tags (recording what each named before)";

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
        var build = JournaledBuild.From(await context.Journal.StepsAsync(context.Run.Id, cancellationToken));
        using var registry = ImageStepSupport.Registry(context);

        // Nothing is pushed until every image's build output is checked.
        var planned = new List<PlannedImage>();
        foreach (var image in context.Config.Images)
        {
            planned.Add(await PlanAsync(context, registry, build, image, cancellationToken));
        }

        // A re-run keeps the previous digests it recorded: by now the tags may name this run's digest already.
        var moves = TagMoveJson.Read(await context.OwnProgressAsync(cancellationToken)).ToList();
        var tags = new RegistryImageTags(registry);
        var images = new JsonArray();
        foreach (var image in planned)
        {
            var (pushed, platforms, detail) = await PushAsync(registry, image, cancellationToken);
            var digest = pushed.ToString();
            var repository = image.Section.Repository.ToString();
            var prerelease = ImageSection.RenderTags(image.Section.PrereleaseTags, fields);
            foreach (var tag in prerelease)
            {
                if (!moves.Any(m => m.Repository == repository && m.Tag == tag))
                {
                    moves.Add(new TagMove(repository, tag, digest, await tags.ResolveAsync(repository, tag, cancellationToken)));
                    await context.SaveProgressAsync(new JsonObject { [TagMoveJson.MovesKey] = TagMoveJson.Write(moves) }, cancellationToken);
                }

                await tags.TagAsync(repository, tag, digest, cancellationToken);
            }

            context.Report($"pushed {repository}@{digest} ({detail}), tagged {string.Join(", ", prerelease)}");
            images.Add((JsonNode)new PushedImage(repository, pushed, platforms, prerelease).ToJson());
        }

        return StepResult.Done(new JsonObject
        {
            [PushedImage.ImagesKey] = images,
            [TagMoveJson.MovesKey] = TagMoveJson.Write(moves),
        });
    }

    private static async Task<PlannedImage> PlanAsync(StepContext context, RegistryClient registry, JournaledBuild build, ImageSection image, CancellationToken cancellationToken)
    {
        var repository = image.Repository.ToString();
        if (image.Layout is { } single)
        {
            var record = build.Find(repository, single, null);
            if (record is null && build.Recorded)
            {
                throw BuildErrors.Missing($"the build record has no layout {single} of {repository}");
            }

            // Without a record (no [build], or a run journaled before builds were recorded) the layout is taken as it is.
            var layout = record is null
                ? await BuildLayouts.ReadAsync(context.Config, image, single, null, cancellationToken)
                : await BuildLayouts.VerifyAsync(context.Config, image, record, cancellationToken);
            return new PlannedImage(image, [layout], []);
        }

        var missing = build.MissingPlatforms(context.Config).Where(p => p.Image == image).Select(p => p.Layout.Platform).ToList();
        if (build.Recorded && missing.Count > 0)
        {
            throw BuildErrors.PlatformNotBuilt(repository, missing);
        }

        var local = new List<CheckedLayout>();
        var remote = new List<LayoutRecord>();
        foreach (var platformLayout in image.PlatformLayouts)
        {
            var record = build.Find(repository, platformLayout.Path, platformLayout.Platform);
            if (record is null)
            {
                local.Add(await BuildLayouts.ReadAsync(context.Config, image, platformLayout.Path, platformLayout.Platform, cancellationToken));
            }
            else if (record.Pushed)
            {
                await CheckPushedAsync(registry, image.Repository, record, cancellationToken);
                remote.Add(record);
            }
            else
            {
                local.Add(await BuildLayouts.VerifyAsync(context.Config, image, record, cancellationToken));
            }
        }

        return new PlannedImage(image, local, remote);
    }

    /// <summary>A platform manifest a one-platform build pushed must be in the registry with the very bytes it journaled.</summary>
    private static async Task CheckPushedAsync(RegistryClient registry, ImageReference repository, LayoutRecord record, CancellationToken cancellationToken)
    {
        var reference = repository.WithDigest(Digest.Parse(record.Digest));
        var manifest = await registry.TryGetManifestAsync(reference, cancellationToken)
            ?? throw BuildErrors.ManifestMissing(reference.ToString(), "is not in the registry");
        if (manifest.Digest.ToString() != record.Digest || manifest.Size != record.Size || manifest.MediaType != record.MediaType)
        {
            throw BuildErrors.ManifestMissing(
                reference.ToString(), $"is served as {manifest.Digest} ({manifest.Size} bytes, {manifest.MediaType}), not as journaled ({record.Size} bytes, {record.MediaType})");
        }
    }

    private static async Task<(Digest Digest, IReadOnlyList<PlatformDigest> Platforms, string Detail)> PushAsync(
        RegistryClient registry, PlannedImage image, CancellationToken cancellationToken)
    {
        var repository = image.Section.Repository;
        var uploaded = 0;
        var present = 0;
        foreach (var layout in image.Local)
        {
            var pushed = await ImagePush.ExecuteAsync(registry, layout.Layout, layout.Plan, repository.WithDigest(layout.Plan.Top.Digest), cancellationToken: cancellationToken);
            uploaded += pushed.BlobsUploaded;
            present += pushed.BlobsSkipped;
        }

        var detail = $"{uploaded} blobs uploaded, {present} present";
        if (image.Section.Layout is not null)
        {
            var digest = image.Local[0].Plan.Top.Digest;
            var platforms = (await ImageInspection.InspectAsync(registry, repository.WithDigest(digest), cancellationToken)).Platforms
                .Select(p => new PlatformDigest(p.Platform.ToString(), p.Digest))
                .ToList();
            return (digest, platforms, detail);
        }

        // The index lists the platforms in the order the configuration gives them, so a re-run writes the same bytes.
        var records = image.Local.Select(l => l.Record).Concat(image.Remote).ToList();
        var manifests = image.Section.PlatformLayouts
            .Select(l => records.First(r => r.Platform == l.Platform))
            .SelectMany(r => r.Platforms)
            .ToList();
        var mediaType = manifests.All(m => m.MediaType == MediaTypes.DockerManifest) ? MediaTypes.DockerManifestList : MediaTypes.OciIndex;
        var index = OciJson.Index(manifests.Select(m => m.ToDescriptor()), mediaType);
        var indexDigest = await registry.PutManifestAsync(repository.WithDigest(Digest.Sha256(index)), index, mediaType, cancellationToken);
        return (indexDigest, [.. manifests.Select(m => new PlatformDigest(m.Platform, Digest.Parse(m.Digest)))], $"index of {manifests.Count} platform manifests, {detail}");
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

    /// <summary>An image ready to push: its layouts checked (one, or one per platform not yet pushed) and the platforms a build pushed.</summary>
    private sealed record PlannedImage(ImageSection Section, IReadOnlyList<CheckedLayout> Local, IReadOnlyList<LayoutRecord> Remote);
}
