using Slipway.Oci;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Oci;

/// <summary>Layouts written by other tools push with their own digests; what Slipway pushes other tools read back.</summary>
[Collection(AnonymousRegistryGroup.Name)]
public sealed class OtherToolsTests(AnonymousRegistry server) : RegistryTest(server, "tools")
{
    [Fact]
    public async Task A_layout_tar_written_by_skopeo_pushes_with_the_digest_skopeo_recorded()
    {
        var layout = TestImages.MultiPlatformIndex(Temp["oci"]);
        await PushAsync(layout, "source");
        var archive = Temp["skopeo.tar"];
        ProcessRunner.Run("skopeo", ["copy", "--all", "--src-tls-verify=false", $"docker://{Registry.Host}/{Repository}:source", $"oci-archive:{archive}:app"])
            .EnsureSuccess("skopeo copy to oci-archive");

        var recorded = OciLayout.Open(archive, TestContext.Current.CancellationToken).Select("app").Digest;

        var result = await CliRunner.RunAsync(Temp.Path, "image", "push", "skopeo.tar:app", $"{Registry.Host}/{Repository}:from-skopeo");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(recorded.ToString(), result.Out.Trim());
        Assert.Equal(recorded, Skopeo.DigestOf($"{Registry.Host}/{Repository}:from-skopeo"));
    }

    [Fact]
    public async Task A_layout_written_by_umoci_pushes_with_its_index_digest()
    {
        var path = Temp["umoci"];
        ProcessRunner.Run("umoci", ["init", "--layout", path]).EnsureSuccess("umoci init");
        ProcessRunner.Run("umoci", ["new", "--image", $"{path}:app"]).EnsureSuccess("umoci new");
        var expected = OciLayout.Open(path, TestContext.Current.CancellationToken).Select("app").Digest;

        var result = await CliRunner.RunAsync(Temp.Path, "image", "push", "umoci:app", $"{Registry.Host}/{Repository}:from-umoci");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expected.ToString(), result.Out.Trim());
        Assert.Equal(expected, Skopeo.DigestOf($"{Registry.Host}/{Repository}:from-umoci"));
    }

    [Fact]
    public async Task Referrers_come_from_the_fallback_tag_when_the_registry_has_no_referrers_api()
    {
        var layout = TestImages.MultiPlatformIndex(Temp["oci"]);
        await PushAsync(layout, "v1");
        using var client = Registry.CreateClient();
        var repository = Registry.Reference(Repository);
        var empty = await client.UploadBlobAsync(repository, "{}"u8.ToArray(), Ct);
        var config = new Descriptor(MediaTypes.OciEmpty, empty, 2);
        var signature = OciJson.Manifest(config, [config], subject: layout.Top, artifactType: "application/vnd.example.signature");
        var sbom = OciJson.Manifest(config, [config], subject: layout.Top, artifactType: "application/spdx+json");
        var signatureDigest = await client.PutManifestAsync(repository.WithDigest(Digest.Sha256(signature)), signature, MediaTypes.OciManifest, Ct);
        var sbomDigest = await client.PutManifestAsync(repository.WithDigest(Digest.Sha256(sbom)), sbom, MediaTypes.OciManifest, Ct);
        var fallback = OciJson.Index(
        [
            new Descriptor(MediaTypes.OciManifest, signatureDigest, signature.Length, ArtifactType: "application/vnd.example.signature"),
            new Descriptor(MediaTypes.OciManifest, sbomDigest, sbom.Length, ArtifactType: "application/spdx+json"),
        ]);
        await client.PutManifestAsync(repository.WithTag(layout.Top.Digest.TagSafe), fallback, MediaTypes.OciIndex, Ct);

        var all = await client.GetReferrersAsync(repository, layout.Top.Digest, cancellationToken: Ct);
        var sboms = await client.GetReferrersAsync(repository, layout.Top.Digest, "application/spdx+json", Ct);
        var none = await client.GetReferrersAsync(repository, layout.Children[0].Digest, cancellationToken: Ct);

        Assert.Equal([signatureDigest, sbomDigest], all.Select(d => d.Digest));
        Assert.Equal([sbomDigest], sboms.Select(d => d.Digest));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Pushing_referrers_keeps_the_fallback_tag_up_to_date_once_per_referrer()
    {
        var layout = TestImages.SingleManifest(Temp["oci"]);
        await PushAsync(layout, "v1");
        using var client = Registry.CreateClient();
        var repository = Registry.Reference(Repository);
        var empty = await client.UploadBlobAsync(repository, "{}"u8.ToArray(), Ct);
        var config = new Descriptor(MediaTypes.OciEmpty, empty, 2);
        var first = OciJson.Manifest(config, [config], subject: layout.Top, artifactType: "application/vnd.example.a");
        var second = OciJson.Manifest(config, [config], subject: layout.Top, artifactType: "application/vnd.example.b");

        var a = await ReferrerPush.PushAsync(client, repository, first, MediaTypes.OciManifest, Ct);
        var b = await ReferrerPush.PushAsync(client, repository, second, MediaTypes.OciManifest, Ct);
        await ReferrerPush.PushAsync(client, repository, first, MediaTypes.OciManifest, Ct);

        var referrers = await client.GetReferrersAsync(repository, layout.Top.Digest, cancellationToken: Ct);
        Assert.Equal([a, b], referrers.Select(r => r.Digest));
        Assert.Equal(["application/vnd.example.a", "application/vnd.example.b"], referrers.Select(r => r.ArtifactType));
        Assert.Contains(layout.Top.Digest.TagSafe, await client.ListTagsAsync(repository, Ct));
    }

    [Fact]
    public async Task Head_reports_the_digest_and_media_type_without_the_body()
    {
        var layout = TestImages.DockerManifestList(Temp["oci"]);
        await PushAsync(layout, "v1");
        using var client = Registry.CreateClient();

        var head = await client.HeadManifestAsync(Registry.Reference(Repository, "v1"), Ct);
        var missing = await client.HeadManifestAsync(Registry.Reference(Repository, "v2"), Ct);

        Assert.Equal(new ManifestHead(layout.Top.Digest, MediaTypes.DockerManifestList, layout.Top.Size), head);
        Assert.Null(missing);
    }
}
