using Slipway.Oci;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Signing;

/// <summary>Copies a test image layout into a repository (blobs, child manifests, then the top one by tag).</summary>
internal static class LayoutPush
{
    public static async Task<Digest> PushAsync(IRegistry registry, TestLayout layout, ImageReference tagged, CancellationToken cancellationToken)
    {
        await PushManifestAsync(registry, layout, layout.Top, tagged.Untargeted(), cancellationToken);
        return await registry.PutManifestAsync(tagged, Read(layout, layout.Top.Digest), layout.Top.MediaType, cancellationToken);
    }

    private static async Task PushManifestAsync(IRegistry registry, TestLayout layout, Descriptor descriptor, ImageReference repository, CancellationToken cancellationToken)
    {
        var bytes = Read(layout, descriptor.Digest);
        var document = ManifestDocument.Parse(bytes, descriptor.MediaType, descriptor.Digest.ToString());
        foreach (var child in document.Manifests)
        {
            await PushManifestAsync(registry, layout, child, repository, cancellationToken);
            await registry.PutManifestAsync(repository.WithDigest(child.Digest), Read(layout, child.Digest), child.MediaType, cancellationToken);
        }

        foreach (var blob in document.Config is null ? document.Layers : document.Layers.Prepend(document.Config))
        {
            await registry.UploadBlobAsync(repository, Read(layout, blob.Digest), cancellationToken);
        }
    }

    private static byte[] Read(TestLayout layout, Digest digest) =>
        File.ReadAllBytes(Path.Combine(layout.Path, "blobs", digest.Algorithm, digest.Hex));
}
