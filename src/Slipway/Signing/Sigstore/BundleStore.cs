using System.Globalization;
using Slipway.Oci;

namespace Slipway.Signing.Sigstore;

/// <summary>
/// Sigstore bundles stored as cosign v3 stores them (sigstore/cosign pkg/oci/remote/write.go, WriteReferrer): an image
/// manifest whose artifactType is the bundle media type, the empty config, one layer holding the bundle, the signed image
/// as its subject and the content and predicate type as annotations, pushed by digest. It is found through the referrers
/// API, or the <c>sha256-HEX</c> fallback index on registries without it (distribution-spec "Referrers Tag Schema").
/// </summary>
public sealed class BundleStore(IRegistry registry)
{
    public const string ContentAnnotation = "dev.sigstore.bundle.content";
    public const string PredicateTypeAnnotation = "dev.sigstore.bundle.predicateType";
    public const string CreatedAnnotation = "org.opencontainers.image.created";
    public const string DsseContent = "dsse-envelope";

    private static readonly byte[] EmptyConfig = "{}"u8.ToArray();

    /// <summary>The referrer manifest for <paramref name="bundle"/> about <paramref name="subject"/>; its digest is known before the push.</summary>
    public static byte[] Manifest(Descriptor subject, byte[] bundle, string predicateType, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(bundle);
        var config = new Descriptor(MediaTypes.OciEmpty, Digest.Sha256(EmptyConfig), EmptyConfig.Length, ArtifactType: SigstoreBundle.MediaType);
        var layer = new Descriptor(SigstoreBundle.MediaType, Digest.Sha256(bundle), bundle.Length);
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [ContentAnnotation] = DsseContent,
            [PredicateTypeAnnotation] = predicateType,
            [CreatedAnnotation] = created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
        var subjectDescriptor = new Descriptor(subject.MediaType, subject.Digest, subject.Size);
        return OciJson.Manifest(config, [layer], MediaTypes.OciManifest, annotations, subjectDescriptor, SigstoreBundle.MediaType);
    }

    /// <summary>Uploads the empty config and the bundle, then pushes <paramref name="manifest"/> (from <see cref="Manifest"/>) by digest.</summary>
    public async Task<Digest> WriteAsync(ImageReference repository, byte[] bundle, byte[] manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(bundle);
        var target = repository.Untargeted();
        foreach (var blob in new[] { EmptyConfig, bundle })
        {
            if (!await registry.BlobExistsAsync(target, Digest.Sha256(blob), cancellationToken))
            {
                await registry.UploadBlobAsync(target, blob, cancellationToken);
            }
        }

        return await ReferrerPush.PushAsync(registry, target, manifest, MediaTypes.OciManifest, cancellationToken);
    }

    /// <summary>
    /// Every bundle referrer of <paramref name="subject"/>. The referrers list and the fallback tag are written by anyone who
    /// can push: each manifest is read by digest and must name the subject and hold one bounded bundle layer.
    /// </summary>
    public async Task<IReadOnlyList<StoredBundle>> ReadAsync(ImageReference repository, Digest subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(subject);
        var target = repository.Untargeted();
        var referrers = await registry.GetReferrersAsync(target, subject, SigstoreBundle.MediaType, cancellationToken);
        var found = new List<StoredBundle>(referrers.Count);
        foreach (var referrer in referrers.Where(r => MediaTypes.IsManifest(r.MediaType)).DistinctBy(r => r.Digest))
        {
            found.Add(await ReadOneAsync(target, subject, referrer.Digest, cancellationToken));
        }

        return found;
    }

    /// <summary>Deletes one referrer this run pushed (rollback), and its fallback index entry. False when it was gone.</summary>
    public Task<bool> RemoveAsync(ImageReference repository, Digest subject, Digest referrer, CancellationToken cancellationToken = default) =>
        ReferrerPush.RemoveAsync(registry, repository, subject, referrer, cancellationToken);

    private async Task<StoredBundle> ReadOneAsync(ImageReference repository, Digest subject, Digest digest, CancellationToken cancellationToken)
    {
        var manifest = await registry.TryGetManifestAsync(repository.WithDigest(digest), cancellationToken);
        if (manifest is null || manifest.IsIndex)
        {
            return new StoredBundle(digest, null, null, $"referrer {digest} is not an image manifest in the registry");
        }

        var document = manifest.Parse();
        var predicateType = document.Annotations is { } a && a.TryGetValue(PredicateTypeAnnotation, out var p) ? p : null;
        if (document.Subject?.Digest != subject)
        {
            return new StoredBundle(digest, predicateType, null, $"referrer {digest} names subject {document.Subject?.Digest.ToString() ?? "none"}, not {subject}");
        }

        if (document.Layers.Count != 1 || document.Layers[0].MediaType != SigstoreBundle.MediaType)
        {
            return new StoredBundle(digest, predicateType, null, $"referrer {digest} does not hold exactly one {SigstoreBundle.MediaType} layer");
        }

        var layer = document.Layers[0];
        if (layer.Size > SigstoreBundle.MaxSize)
        {
            return new StoredBundle(digest, predicateType, null, $"referrer {digest} declares a bundle of {layer.Size} bytes, above the {SigstoreBundle.MaxSize / (1024 * 1024)} MiB cap");
        }

        var content = await registry.GetBlobAsync(repository, layer, cancellationToken);
        return SigstoreBundle.TryParse(content, out var bundle, out var error)
            ? new StoredBundle(digest, predicateType, bundle, string.Empty)
            : new StoredBundle(digest, predicateType, null, $"referrer {digest}: {error}");
    }
}
