using Slipway.Oci;

namespace Slipway.Pipeline.Images;

/// <summary><see cref="IImageTags"/> over a registry: digest-preserving retags and untags that leave other tags alone.</summary>
public sealed class RegistryImageTags(RegistryClient registry) : IImageTags
{
    public async Task<string?> ResolveAsync(string repository, string tag, CancellationToken cancellationToken) =>
        (await registry.ResolveAsync(ImageReference.Parse(repository).WithTag(tag), cancellationToken))?.ToString();

    public async Task TagAsync(string repository, string tag, string digest, CancellationToken cancellationToken)
    {
        var image = ImageReference.Parse(repository);
        var manifest = await registry.GetManifestAsync(image.WithDigest(Digest.Parse(digest)), cancellationToken);
        await registry.PutManifestAsync(image.WithTag(tag), manifest.Bytes, manifest.MediaType, cancellationToken);
    }

    public async Task UntagAsync(string repository, string tag, string digest, CancellationToken cancellationToken)
    {
        var tagged = ImageReference.Parse(repository).WithTag(tag);
        if (await registry.ResolveAsync(tagged, cancellationToken) is { } current && current.ToString() == digest)
        {
            await ImageUntag.UntagAsync(registry, tagged, cancellationToken);
        }
    }
}
