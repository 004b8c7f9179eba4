using Slipway.Diagnostics;

namespace Slipway.Oci;

/// <summary>
/// Digest-preserving retag (DESIGN.md invariant 2): check the source still names the tested digest, record what each
/// target tag names, PUT the identical bytes with the identical media type to every tag, and re-read every tag.
/// </summary>
public static class ImagePromotion
{
    public static async Task<PromoteResult> PromoteAsync(IRegistry registry, PromoteRequest request, CancellationToken cancellationToken = default) =>
        (await PromoteAllAsync(registry, [request], cancellationToken: cancellationToken))[0];

    /// <summary>
    /// Promotes several images in one call. Every source is checked before the first tag moves, so a tampered source
    /// leaves every tag untouched.
    /// </summary>
    public static async Task<IReadOnlyList<PromoteResult>> PromoteAllAsync(
        IRegistry registry, IReadOnlyList<PromoteRequest> requests, int concurrency = 8, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var request in requests)
        {
            request.Validate();
        }

        var conflict = requests
            .SelectMany(r => r.Tags.Select(tag => (Target: r.TargetRepository.WithTag(tag), r.Digest)))
            .GroupBy(t => t.Target)
            .FirstOrDefault(g => g.Select(t => t.Digest).Distinct().Count() > 1);
        if (conflict is not null)
        {
            throw OciErrors.InvalidPromotion($"{conflict.Key} is asked to name several digests ({string.Join(", ", conflict.Select(c => c.Digest).Distinct())}) in one promotion");
        }

        var manifests = new ManifestContent[requests.Count];
        var previous = new Digest?[requests.Count][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), options, async (i, ct) =>
        {
            var request = requests[i];

            // What each target tag names now is read alongside the source: reads only, and the rollback needs them.
            var before = Task.WhenAll(request.Tags.Select(tag => registry.ResolveAsync(request.TargetRepository.WithTag(tag), ct)));

            // The bytes read here are the bytes promoted: their digest is computed locally and must be the expected one.
            var manifest = await registry.TryGetManifestAsync(request.Source, ct);
            previous[i] = await before;
            if (manifest is null || manifest.Digest != request.Digest)
            {
                throw OciErrors.SourceTagMoved(request.Source, request.Digest, manifest?.Digest);
            }

            manifests[i] = manifest;
        });

        var results = new PromoteResult[requests.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), options, async (i, ct) =>
            results[i] = await PromoteCheckedAsync(registry, requests[i], manifests[i], previous[i], ct));
        return results;
    }

    private static async Task<PromoteResult> PromoteCheckedAsync(
        IRegistry registry, PromoteRequest request, ManifestContent manifest, Digest?[] previous, CancellationToken cancellationToken)
    {
        var target = request.TargetRepository;
        if (request.CrossRepository)
        {
            await ImageCopy.CopyChildrenAsync(registry, request.Source.Untargeted(), target, manifest, cancellationToken);
        }

        var errors = await Task.WhenAll(request.Tags.Select(async tag =>
        {
            try
            {
                await registry.PutManifestAsync(target.WithTag(tag), manifest.Bytes, manifest.MediaType, cancellationToken);
                return null;
            }
            catch (SlipwayException exception)
            {
                return exception.Message;
            }
        }));

        // Re-read every tag, the failed ones too: after an error only the registry knows whether the tag moved.
        var current = await Task.WhenAll(request.Tags.Select(async tag =>
        {
            try
            {
                return (Digest: await registry.ResolveAsync(target.WithTag(tag), cancellationToken), Error: (string?)null);
            }
            catch (SlipwayException exception)
            {
                return (Digest: null, Error: exception.Message);
            }
        }));

        var tags = request.Tags.Select((tag, i) =>
        {
            var error = errors[i] ?? current[i].Error;
            var verified = error is null && current[i].Digest == request.Digest;
            return new TagPromotion(tag, previous[i], current[i].Digest, verified, error);
        }).ToList();
        return new PromoteResult(request, manifest.MediaType, tags);
    }
}
