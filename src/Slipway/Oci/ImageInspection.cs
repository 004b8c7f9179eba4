namespace Slipway.Oci;

/// <summary>
/// What a reference names: digest, media type, size, and for an index its platform manifests, with BuildKit
/// attestation manifests (platform unknown/unknown and BuildKit's annotation) listed apart.
/// </summary>
public sealed record ImageInspection(
    ImageReference Reference,
    Digest Digest,
    string MediaType,
    long Size,
    IReadOnlyList<PlatformImage> Platforms,
    IReadOnlyList<Descriptor> Attestations)
{
    public bool IsIndex => MediaTypes.IsIndex(MediaType);

    /// <summary>Every digest that needs signing or attesting per platform: the platform manifests of an index, or the image.</summary>
    public IReadOnlyList<Digest> PlatformDigests => IsIndex ? [.. Platforms.Select(p => p.Digest)] : [Digest];

    public static async Task<ImageInspection> InspectAsync(IRegistry registry, ImageReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(reference);
        var manifest = await registry.GetManifestAsync(reference, cancellationToken);
        var document = manifest.Parse();
        if (document.IsIndex)
        {
            var platforms = document.PlatformEntries
                .Select(m => new PlatformImage(m.Platform ?? new Platform(string.Empty, string.Empty), m.Digest, m.MediaType, m.Size))
                .ToList();
            return new ImageInspection(reference, manifest.Digest, manifest.MediaType, manifest.Size, platforms, [.. document.AttestationEntries]);
        }

        var platform = await ConfigPlatformAsync(registry, reference.Untargeted(), document, cancellationToken);
        IReadOnlyList<PlatformImage> single = platform is null ? [] : [new PlatformImage(platform, manifest.Digest, manifest.MediaType, manifest.Size)];
        return new ImageInspection(reference, manifest.Digest, manifest.MediaType, manifest.Size, single, []);
    }

    /// <summary>A single manifest names its platform only in its config blob.</summary>
    private static async Task<Platform?> ConfigPlatformAsync(IRegistry registry, ImageReference repository, ManifestDocument document, CancellationToken cancellationToken)
    {
        if (document.Config is not { } config || config.MediaType is not (MediaTypes.OciConfig or MediaTypes.DockerConfig) || config.Size > 1024 * 1024)
        {
            return null;
        }

        var bytes = await registry.GetBlobAsync(repository, config, cancellationToken);
        return ImageConfig.ReadPlatform(bytes);
    }
}
