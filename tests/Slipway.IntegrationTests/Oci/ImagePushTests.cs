using System.Text.Json;
using Slipway.Oci;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Oci;

[Collection(AnonymousRegistryGroup.Name)]
public sealed class ImagePushTests(AnonymousRegistry server) : RegistryTest(server, "push")
{
    [Fact]
    public async Task Push_of_a_multi_platform_index_pushes_the_layout_digest_byte_for_byte()
    {
        var layout = TestImages.MultiPlatformIndex(Temp["oci"], TestImages.ThreePlatforms);
        var target = $"{Registry.Host}/{Repository}:prerelease";

        var result = await CliRunner.RunAsync(Temp.Path, "image", "push", layout.Path, target);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(layout.Top.Digest.ToString(), result.Out.Trim());
        Assert.Equal(layout.Top.Digest, Skopeo.DigestOf(target));
        foreach (var child in layout.Children)
        {
            Assert.Equal(child.Digest, Skopeo.DigestOf($"{Registry.Host}/{Repository}@{child.Digest}"));
        }
    }

    [Fact]
    public async Task Push_of_a_tar_layout_with_json_reports_digest_media_type_and_platforms()
    {
        var layout = TestImages.MultiPlatformIndex(Temp["oci"]);
        new OciLayoutWriter(layout.Path).PackTar(Temp["image.tar"]);
        var target = $"{Registry.Host}/{Repository}:v1";

        var result = await CliRunner.RunAsync(Temp.Path, "image", "push", "image.tar", target, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(layout.Top.Digest.ToString(), json.RootElement.GetProperty("digest").GetString());
        Assert.Equal(MediaTypes.OciIndex, json.RootElement.GetProperty("mediaType").GetString());
        var platforms = json.RootElement.GetProperty("platforms").EnumerateArray()
            .Select(p => $"{p.GetProperty("os").GetString()}/{p.GetProperty("architecture").GetString()}").ToList();
        Assert.Equal(["linux/amd64", "linux/arm64"], platforms);
        Assert.Equal(layout.Top.Digest, Skopeo.DigestOf(target));
    }

    [Fact]
    public async Task Push_of_a_docker_manifest_list_keeps_its_media_type()
    {
        var layout = TestImages.DockerManifestList(Temp["oci"]);
        var reference = Registry.Reference(Repository, "list");

        var result = await CliRunner.RunAsync(Temp.Path, "image", "push", layout.Path, reference.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        using var client = Registry.CreateClient();
        var manifest = await client.GetManifestAsync(reference, Ct);
        Assert.Equal(MediaTypes.DockerManifestList, manifest.MediaType);
        Assert.Equal(layout.Top.Digest, manifest.Digest);
        Assert.Equal(layout.Top.Digest, Skopeo.DigestOf(reference.ToString()));
    }

    [Fact]
    public async Task Push_picks_the_named_entry_with_LAYOUT_colon_NAME()
    {
        var first = TestImages.MultiPlatformIndex(Temp["oci"], name: "first");
        var writer = new OciLayoutWriter(Temp["oci"]);
        var second = writer.WriteImage(new Platform("linux", "amd64"), [TestImages.Layer("second " + Guid.NewGuid())]);
        writer.AddEntry(first.Top, "first");
        writer.AddEntry(second, "second");

        var result = await CliRunner.RunAsync(Temp.Path, "image", "push", "oci:second", Registry.Reference(Repository, "second").ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(second.Digest.ToString(), result.Out.Trim());
    }

    [Fact]
    public async Task Push_of_a_single_manifest_with_a_large_layer_in_chunks_matches_the_layout()
    {
        var layout = TestImages.SingleManifest(Temp["oci"], 12 * 1024 * 1024 + 17);
        using var client = Registry.CreateClient(o => o with { ChunkSize = 5 * 1024 * 1024 });
        var reference = Registry.Reference(Repository, "big");

        var result = await ImagePush.PushAsync(client, OciLayout.Open(layout.Path, TestContext.Current.CancellationToken), null, reference, cancellationToken: Ct);

        Assert.Equal(layout.Top.Digest, result.Digest);
        Assert.Equal(MediaTypes.OciManifest, result.MediaType);
        Assert.Equal([new Platform("linux", "amd64")], result.Platforms);
        Assert.Equal(layout.Top.Digest, Skopeo.DigestOf(reference.ToString()));
    }

    [Fact]
    public async Task Push_again_uploads_no_blob()
    {
        var layout = TestImages.MultiPlatformIndex(Temp["oci"]);
        using var client = Registry.CreateClient();
        var ct = Ct;
        var first = await ImagePush.PushAsync(client, OciLayout.Open(layout.Path, TestContext.Current.CancellationToken), null, Registry.Reference(Repository, "a"), cancellationToken: ct);

        var second = await ImagePush.PushAsync(client, OciLayout.Open(layout.Path, TestContext.Current.CancellationToken), null, Registry.Reference(Repository, "b"), cancellationToken: ct);

        Assert.True(first.BlobsUploaded > 0);
        Assert.Equal(0, second.BlobsUploaded);
        Assert.Equal(first.Digest, second.Digest);
    }

    [Fact]
    public async Task Push_refuses_a_layout_with_several_entries_and_no_name()
    {
        var layout = TestImages.MultiPlatformIndex(Temp["oci"], name: "one");
        var writer = new OciLayoutWriter(layout.Path);
        writer.AddEntry(layout.Top, "one");
        writer.AddEntry(writer.WriteImage(new Platform("linux", "amd64"), [TestImages.Layer("x")]), "two");

        await AssertRefusedAsync("SLW4008", layout.Path);
    }

    [Fact]
    public async Task Push_refuses_a_name_that_is_not_in_the_layout()
    {
        var layout = TestImages.MultiPlatformIndex(Temp["oci"], name: "one");

        await AssertRefusedAsync("SLW4009", layout.Path + ":three");
    }

    [Fact]
    public async Task Push_refuses_a_layout_with_a_missing_blob_and_pushes_nothing()
    {
        var layout = TestImages.MultiPlatformIndex(Temp["oci"]);
        var writer = new OciLayoutWriter(layout.Path);
        var manifest = OciLayout.Open(layout.Path, TestContext.Current.CancellationToken).ReadBlob(layout.Children[1].Digest);
        File.Delete(writer.BlobPath(ManifestDocument.Parse(manifest, null, "test").Layers[0].Digest));

        await AssertRefusedAsync("SLW4006", layout.Path);
    }

    [Fact]
    public async Task Push_refuses_a_blob_whose_content_does_not_match_its_digest_and_pushes_nothing()
    {
        var layout = TestImages.MultiPlatformIndex(Temp["oci"]);
        var writer = new OciLayoutWriter(layout.Path);
        var manifest = OciLayout.Open(layout.Path, TestContext.Current.CancellationToken).ReadBlob(layout.Children[1].Digest);
        var layer = writer.BlobPath(ManifestDocument.Parse(manifest, null, "test").Layers[0].Digest);
        var bytes = File.ReadAllBytes(layer);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(layer, bytes);

        await AssertRefusedAsync("SLW4007", layout.Path);
    }

    [Fact]
    public async Task Push_refuses_a_corrupt_blob_even_when_the_registry_already_has_it()
    {
        var layout = TestImages.MultiPlatformIndex(Temp["oci"]);
        var first = await CliRunner.RunAsync(Temp.Path, "image", "push", layout.Path, Registry.Reference(Repository, "first").ToString());
        Assert.True(first.ExitCode == 0, first.ToString());
        var manifest = OciLayout.Open(layout.Path, TestContext.Current.CancellationToken).ReadBlob(layout.Children[1].Digest);
        var layer = new OciLayoutWriter(layout.Path).BlobPath(ManifestDocument.Parse(manifest, null, "test").Layers[0].Digest);
        var bytes = File.ReadAllBytes(layer);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(layer, bytes);

        var result = await CliRunner.RunAsync(Temp.Path, "image", "push", layout.Path, Registry.Reference(Repository, "second").ToString());

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("slipway: error SLW4007:", result.Err, StringComparison.Ordinal);
        using var client = Registry.CreateClient();
        Assert.Equal(["first"], await client.ListTagsAsync(Registry.Reference(Repository), Ct));
    }

    [Theory]
    [InlineData("UPPER/case", "SLW4001")]
    [InlineData("127.0.0.1:5000/demo:tag@", "SLW4001")]
    [InlineData("127.0.0.1:5000/demo:-bad", "SLW4001")]
    [InlineData("127.0.0.1:5000/demo@sha256:abc", "SLW4001")]
    [InlineData("127.0.0.1:5000/demo@md5:d41d8cd98f00b204e9800998ecf8427e", "SLW4001")]
    public async Task Push_refuses_a_malformed_reference(string reference, string code)
    {
        var layout = TestImages.MultiPlatformIndex(Temp["oci"]);

        var result = await CliRunner.RunAsync(Temp.Path, "image", "push", layout.Path, reference);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(code, result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_refuses_a_path_that_is_no_layout()
    {
        var result = await CliRunner.RunAsync(Temp.Path, "image", "push", "nothing-here", Registry.Reference(Repository, "x").ToString());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("SLW4004", result.Err, StringComparison.Ordinal);
    }

    private async Task AssertRefusedAsync(string code, string layoutArgument)
    {
        var result = await CliRunner.RunAsync(Temp.Path, "image", "push", layoutArgument, Registry.Reference(Repository, "refused").ToString());

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"slipway: error {code}:", result.Err, StringComparison.Ordinal);
        using var client = Registry.CreateClient();
        Assert.Empty(await client.ListTagsAsync(Registry.Reference(Repository), Ct));
        var stored = Path.Combine(Registry.StorageDirectory, "docker/registry/v2/repositories", Repository);
        Assert.False(Directory.Exists(Path.Combine(stored, "_layers")), "nothing may be pushed, not even a blob");
        Assert.False(Directory.Exists(Path.Combine(stored, "_manifests")), "nothing may be pushed, not even a manifest");
    }
}
