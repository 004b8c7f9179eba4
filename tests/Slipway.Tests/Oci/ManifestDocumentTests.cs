using System.Text;
using Slipway.Diagnostics;
using Slipway.Oci;

namespace Slipway.Tests.Oci;

public sealed class ManifestDocumentTests
{
    private static readonly Digest Some = Digest.Sha256("x"u8);

    [Fact]
    public void Reads_index_entries_with_platforms_and_spots_attestations()
    {
        var bytes = OciJson.Index(
        [
            new Descriptor(MediaTypes.OciManifest, Some, 10, new Platform("linux", "arm64", "v8")),
            new Descriptor(MediaTypes.OciManifest, Some, 11, new Platform("unknown", "unknown"), new Dictionary<string, string> { [Descriptor.DockerReferenceTypeAnnotation] = "attestation-manifest" }),
        ]);

        var document = ManifestDocument.Parse(bytes, null, "test");

        Assert.True(document.IsIndex);
        Assert.Equal(new Platform("linux", "arm64", "v8"), document.Manifests[0].Platform);
        Assert.False(document.Manifests[0].IsAttestation);
        Assert.True(document.Manifests[1].IsAttestation);
    }

    [Theory]
    [InlineData("unknown", "unknown", "attestation-manifest", true)]
    [InlineData("linux", "amd64", "attestation-manifest", false)]
    [InlineData("linux", "arm64", "attestation-manifest", false)]
    [InlineData("unknown", "unknown", null, false)]
    [InlineData("unknown", "unknown", "something-else", false)]
    [InlineData(null, null, "attestation-manifest", false)]
    public void Only_an_unknown_platform_with_the_annotation_is_an_attestation_manifest(string? os, string? architecture, string? type, bool attestation)
    {
        var platform = os is null ? null : new Platform(os, architecture!);
        var annotations = type is null ? null : new Dictionary<string, string> { [Descriptor.DockerReferenceTypeAnnotation] = type };
        var document = ManifestDocument.Parse(OciJson.Index([new Descriptor(MediaTypes.OciManifest, Some, 10, platform, annotations)]), null, "test");

        Assert.Equal(attestation, document.Manifests[0].IsAttestation);
        Assert.Equal(attestation ? 0 : 1, document.PlatformEntries.Count());
        Assert.Equal(attestation ? 1 : 0, document.AttestationEntries.Count());
    }

    [Fact]
    public void Writing_and_reading_a_manifest_keeps_every_descriptor()
    {
        var config = new Descriptor(MediaTypes.OciConfig, Some, 2);
        var layer = new Descriptor(MediaTypes.OciLayer, Some, 1234);

        var document = ManifestDocument.Parse(OciJson.Manifest(config, [layer], subject: config), null, "test");

        Assert.Equal(MediaTypes.OciManifest, document.MediaType);
        Assert.Equal(config, document.Config);
        Assert.Equal([layer], document.Layers);
        Assert.Equal(config, document.Subject);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}")]
    [InlineData("{\"manifests\":[{\"mediaType\":\"x\",\"digest\":\"sha256:abc\",\"size\":1}]}")]
    public void Refuses_what_is_not_a_manifest(string text)
    {
        var error = Assert.Throws<SlipwayException>(() => ManifestDocument.Parse(Encoding.UTF8.GetBytes(text), null, "test"));

        Assert.Equal(ErrorCode.ManifestInvalid, error.Code);
    }
}
