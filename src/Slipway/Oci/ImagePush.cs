namespace Slipway.Oci;

/// <summary>
/// Pushes a layout entry byte for byte: blobs the registry lacks, then child manifests by digest, then the top manifest
/// at the tag. The digest pushed is the digest in the layout.
/// </summary>
public static class ImagePush
{
    public static async Task<PushResult> PushAsync(IRegistry registry, OciLayout layout, string? name, ImageReference target, int concurrency = 6, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(target);
        var plan = await PushPlan.CreateAsync(layout, layout.Select(name), cancellationToken);
        return await ExecuteAsync(registry, layout, plan, target, concurrency, cancellationToken);
    }

    /// <summary>Pushes a plan already checked (<see cref="PushPlan.CreateAsync"/>).</summary>
    public static async Task<PushResult> ExecuteAsync(IRegistry registry, OciLayout layout, PushPlan plan, ImageReference target, int concurrency = 6, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Digest is not null && target.Digest != plan.Top.Digest)
        {
            throw OciErrors.InvalidPromotion($"{target} names digest {target.Digest}, but the layout's image is {plan.Top.Digest}");
        }

        var repository = target.Untargeted();
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        var present = await Task.WhenAll(plan.Blobs.Select(blob => registry.BlobExistsAsync(repository, blob.Digest, cancellationToken)));
        var missing = plan.Blobs.Where((_, i) => !present[i]).ToList();
        await UploadVerifiedAsync(registry, layout, repository, missing, [.. plan.Blobs.Where((_, i) => present[i])], options);

        // Children first (by digest), so the registry never holds an index that points at nothing.
        await Parallel.ForEachAsync(plan.Manifests.Take(plan.Manifests.Count - 1), options, async (manifest, ct) =>
            await registry.PutManifestAsync(repository.WithDigest(manifest.Digest), manifest.Bytes, manifest.MediaType, ct));
        var top = plan.TopManifest;
        var at = target.Tag is null ? repository.WithDigest(top.Digest) : repository.WithTag(target.Tag);
        var digest = await registry.PutManifestAsync(at, top.Bytes, top.MediaType, cancellationToken);
        return new PushResult(at, digest, top.MediaType, Platforms(layout, plan), missing.Count, plan.Blobs.Count - missing.Count);
    }

    /// <summary>
    /// Sends every missing blob, hashing it on the way (one read of each file), and commits them only when all match
    /// their digests; otherwise cancels every session, so a corrupt layout leaves nothing on the registry. Blobs the
    /// registry already has are hashed locally meanwhile: a corrupt layout is bad input even when nothing needs sending.
    /// </summary>
    private static async Task UploadVerifiedAsync(
        IRegistry registry, OciLayout layout, ImageReference repository, List<Descriptor> blobs, List<Descriptor> present, ParallelOptions options)
    {
        var sessions = new BlobUploadSession?[blobs.Count];
        try
        {
            var sending = Parallel.ForEachAsync(Enumerable.Range(0, blobs.Count), options, async (i, ct) =>
                sessions[i] = await registry.SendBlobAsync(repository, blobs[i].Size, () => layout.OpenBlob(blobs[i].Digest), ct));
            var checking = Parallel.ForEachAsync(present, options, async (blob, ct) =>
            {
                await using var content = layout.OpenBlob(blob.Digest);
                var actual = await blob.Digest.ComputeAsync(content, ct);
                if (actual != blob.Digest)
                {
                    throw OciErrors.LayoutBlobCorrupt(layout.Path, blob.Digest, actual.ToString());
                }
            });
            await Task.WhenAll(sending, checking);
            var corrupt = blobs.Select((blob, i) => (Blob: blob, Session: sessions[i]!)).FirstOrDefault(p => p.Session.Digest != p.Blob.Digest);
            if (corrupt.Blob is not null)
            {
                throw OciErrors.LayoutBlobCorrupt(layout.Path, corrupt.Blob.Digest, corrupt.Session.Digest.ToString());
            }
        }
        catch
        {
            await Task.WhenAll(sessions.OfType<BlobUploadSession>().Select(session => registry.CancelBlobAsync(session, CancellationToken.None)));
            throw;
        }

        await Parallel.ForEachAsync(sessions, options, async (session, ct) => await registry.CommitBlobAsync(session!, ct));
    }

    private static List<Platform> Platforms(OciLayout layout, PushPlan plan)
    {
        var document = plan.TopManifest.Parse();
        if (document.IsIndex)
        {
            return [.. document.PlatformEntries.Where(m => m.Platform is not null).Select(m => m.Platform!)];
        }

        if (plan.Top.Platform is { } platform)
        {
            return [platform];
        }

        return document.Config is { } config && layout.BlobSize(config.Digest) < 1024 * 1024 && ImageConfig.ReadPlatform(layout.ReadBlob(config.Digest)) is { } fromConfig
            ? [fromConfig]
            : [];
    }
}
