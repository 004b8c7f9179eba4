using Slipway.Oci;

namespace Slipway.Signing;

/// <summary>
/// cosign's storage in a registry: signatures for <c>repo@sha256:H</c> live in the manifest tagged <c>sha256-H.sig</c>
/// in the same repository, attestations in <c>sha256-H.att</c>; one layer per signature or attestation
/// (sigstore/cosign specs/SIGNATURE_SPEC.md, ATTESTATION_SPEC.md).
/// </summary>
public sealed class CosignStore(IRegistry registry)
{
    /// <summary>What the layers at one signature or attestation tag may take in all: an SBOM predicate may be 64 MiB, and
    /// its DSSE envelope carries it in base64.</summary>
    public const long MaxLayersSize = 256L * 1024 * 1024;

    public const string SignatureSuffix = ".sig";
    public const string AttestationSuffix = ".att";

    public static ImageReference SignatureTag(ImageReference repository, Digest digest)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(digest);
        return repository.WithTag(digest.TagSafe + SignatureSuffix);
    }

    public static ImageReference AttestationTag(ImageReference repository, Digest digest)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(digest);
        return repository.WithTag(digest.TagSafe + AttestationSuffix);
    }

    /// <summary>The layers stored at <paramref name="tag"/>, each blob checked against its digest; empty when the tag does not exist.</summary>
    public async Task<IReadOnlyList<CosignLayer>> ReadAsync(ImageReference tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var manifest = await registry.TryGetManifestAsync(tag, cancellationToken);
        if (manifest is null)
        {
            return [];
        }

        if (manifest.IsIndex)
        {
            throw SigningErrors.StoreInvalid(tag.ToString(), "an index where cosign stores an image manifest");
        }

        var document = manifest.Parse();

        // The tag is not pinned to a digest: whoever can push to it chooses the layers and their sizes.
        var total = 0L;
        foreach (var layer in document.Layers)
        {
            total += Math.Clamp(layer.Size, 0, MaxLayersSize + 1L);
        }

        if (total > MaxLayersSize)
        {
            throw SigningErrors.StoreInvalid(
                tag.ToString(), $"its layers declare more than the {MaxLayersSize / (1024 * 1024)} MiB that signatures and attestations may take in all");
        }

        var layers = new List<CosignLayer>(document.Layers.Count);
        foreach (var layer in document.Layers)
        {
            var content = await registry.GetBlobAsync(tag, layer, cancellationToken);
            layers.Add(new CosignLayer(layer.MediaType, content, layer.Annotations ?? new Dictionary<string, string>()));
        }

        return layers;
    }

    /// <summary>Writes <paramref name="layers"/> as the manifest at <paramref name="tag"/>, uploading blobs the registry lacks.</summary>
    public async Task<Digest> WriteAsync(ImageReference tag, IReadOnlyList<CosignLayer> layers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(layers);
        var digests = new List<Digest>(layers.Count);
        foreach (var layer in layers)
        {
            var digest = Digest.Sha256(layer.Content);
            if (!await registry.BlobExistsAsync(tag, digest, cancellationToken))
            {
                await registry.UploadBlobAsync(tag, layer.Content, cancellationToken);
            }

            digests.Add(digest);
        }

        var config = Config(digests);
        var configDigest = Digest.Sha256(config);
        if (!await registry.BlobExistsAsync(tag, configDigest, cancellationToken))
        {
            await registry.UploadBlobAsync(tag, config, cancellationToken);
        }

        var manifest = Manifest(config, configDigest, layers, digests);
        return await registry.PutManifestAsync(tag, manifest, MediaTypes.OciManifest, cancellationToken);
    }

    /// <summary>
    /// Deletes the <c>.sig</c> and <c>.att</c> manifests of <paramref name="digest"/> (rollback). A DELETE goes by digest,
    /// which removes every tag naming it; these manifests are unique to one subject, so nothing else is touched.
    /// </summary>
    public async Task<IReadOnlyList<ImageReference>> RemoveAsync(ImageReference repository, Digest digest, CancellationToken cancellationToken = default)
    {
        var removed = new List<ImageReference>();
        foreach (var tag in new[] { SignatureTag(repository, digest), AttestationTag(repository, digest) })
        {
            var stored = await registry.ResolveAsync(tag, cancellationToken);
            if (stored is not null && await registry.DeleteManifestAsync(tag.Untargeted(), stored, cancellationToken))
            {
                removed.Add(tag);
            }
        }

        return removed;
    }

    // cosign writes a minimal image config whose rootfs lists the layers; registries that validate configs accept it.
    private static byte[] Config(List<Digest> layers)
    {
        return SigningJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("architecture", string.Empty);
            writer.WriteString("os", string.Empty);
            writer.WriteStartObject("config");
            writer.WriteEndObject();
            writer.WriteStartObject("rootfs");
            writer.WriteString("type", "layers");
            writer.WriteStartArray("diff_ids");
            foreach (var layer in layers)
            {
                writer.WriteStringValue(layer.ToString());
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    private static byte[] Manifest(byte[] config, Digest configDigest, IReadOnlyList<CosignLayer> layers, List<Digest> digests)
    {
        return SigningJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", 2);
            writer.WriteString("mediaType", MediaTypes.OciManifest);
            writer.WriteStartObject("config");
            writer.WriteString("mediaType", MediaTypes.OciConfig);
            writer.WriteNumber("size", config.Length);
            writer.WriteString("digest", configDigest.ToString());
            writer.WriteEndObject();
            writer.WriteStartArray("layers");
            for (var i = 0; i < layers.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("mediaType", layers[i].MediaType);
                writer.WriteNumber("size", layers[i].Content.Length);
                writer.WriteString("digest", digests[i].ToString());
                writer.WriteStartObject("annotations");
                foreach (var (key, value) in layers[i].Annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }
}
