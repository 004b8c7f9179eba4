using System.Text.Json;
using Slipway.Oci;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Oci;

[Collection(AnonymousRegistryGroup.Name)]
public sealed class ImageInspectAndUntagTests(AnonymousRegistry server) : RegistryTest(server, "inspect")
{
    [Fact]
    public async Task Inspect_lists_platforms_and_keeps_attestation_entries_apart()
    {
        var layout = TestImages.MultiPlatformIndex(Temp["oci"], TestImages.ThreePlatforms);
        await PushAsync(layout, "v1");

        var result = await CliRunner.RunAsync(Temp.Path, "image", "inspect", $"{Registry.Host}/{Repository}:v1", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(layout.Top.Digest.ToString(), root.GetProperty("digest").GetString());
        Assert.Equal(MediaTypes.OciIndex, root.GetProperty("mediaType").GetString());
        Assert.Equal(layout.Top.Size, root.GetProperty("size").GetInt64());
        var platforms = root.GetProperty("platforms").EnumerateArray().ToList();
        Assert.Equal(["amd64", "arm64", "arm"], platforms.Select(p => p.GetProperty("architecture").GetString()));
        Assert.Equal(layout.Children.Take(3).Select(c => c.Digest.ToString()), platforms.Select(p => p.GetProperty("digest").GetString()));
        var attestation = Assert.Single(root.GetProperty("attestations").EnumerateArray());
        Assert.Equal(layout.Children[3].Digest.ToString(), attestation.GetProperty("digest").GetString());
        Assert.Equal(layout.Children[0].Digest.ToString(), attestation.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Inspect_of_a_single_manifest_reads_its_platform_from_the_config()
    {
        var layout = TestImages.SingleManifest(Temp["oci"]);
        await PushAsync(layout, "v1");

        var result = await CliRunner.RunAsync(Temp.Path, "image", "inspect", $"{Registry.Host}/{Repository}@{layout.Top.Digest}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"digest     {layout.Top.Digest}", result.Out, StringComparison.Ordinal);
        Assert.Contains("platform   linux/amd64", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_of_a_missing_tag_fails_with_exit_1()
    {
        var result = await CliRunner.RunAsync(Temp.Path, "image", "inspect", $"{Registry.Host}/{Repository}:absent");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SLW4012", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Untag_of_the_only_tag_of_a_digest_deletes_the_manifest()
    {
        var layout = TestImages.MultiPlatformIndex(Temp["oci"]);
        await PushAsync(layout, "only");

        var result = await CliRunner.RunAsync(Temp.Path, "image", "untag", $"{Registry.Host}/{Repository}:only", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"method\": \"delete-digest\"", result.Out, StringComparison.Ordinal);
        using var client = Registry.CreateClient();
        Assert.Empty(await client.ListTagsAsync(Registry.Reference(Repository), Ct));
    }

    [Fact]
    public async Task Untag_leaves_other_tags_of_the_same_digest_in_place()
    {
        var layout = TestImages.MultiPlatformIndex(Temp["oci"]);
        await PushAsync(layout, "1.2.3");
        using var client = Registry.CreateClient();
        await ImagePromotion.PromoteAsync(client, new PromoteRequest(Registry.Reference(Repository, "1.2.3"), layout.Top.Digest, ["latest", "prerelease"]), Ct);

        var result = await CliRunner.RunAsync(Temp.Path, "image", "untag", $"{Registry.Host}/{Repository}:prerelease");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("throwaway", result.Out, StringComparison.Ordinal);
        Assert.Equal(["1.2.3", "latest"], (await client.ListTagsAsync(Registry.Reference(Repository), Ct)).Order(StringComparer.Ordinal));
        Assert.Equal(layout.Top.Digest, await client.ResolveAsync(Registry.Reference(Repository, "latest"), Ct));
        Assert.Equal(layout.Top.Digest, Skopeo.DigestOf($"{Registry.Host}/{Repository}:1.2.3"));
    }

    [Fact]
    public async Task Untag_of_a_platform_manifest_that_a_tagged_index_holds_keeps_the_index_whole()
    {
        var layout = TestImages.MultiPlatformIndex(Temp["oci"]);
        await PushAsync(layout, "latest");
        using var client = Registry.CreateClient();
        var platform = layout.Children[0].Digest;
        await ImagePromotion.PromoteAsync(client, new PromoteRequest(Registry.Reference(Repository).WithDigest(platform), platform, ["amd64-only"]), Ct);

        var result = await CliRunner.RunAsync(Temp.Path, "image", "untag", $"{Registry.Host}/{Repository}:amd64-only");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("throwaway", result.Out, StringComparison.Ordinal);
        Assert.Equal(["latest"], await client.ListTagsAsync(Registry.Reference(Repository), Ct));
        Assert.NotNull(await client.TryGetManifestAsync(Registry.Reference(Repository).WithDigest(platform), Ct));
        var copied = ProcessRunner.Run("skopeo", ["copy", "--all", "--src-tls-verify=false", $"docker://{Registry.Host}/{Repository}:latest", $"oci:{Temp["pulled"]}:x"]);
        Assert.True(copied.ExitCode == 0, copied.Err);
    }

    [Fact]
    public async Task Untag_of_a_missing_tag_fails()
    {
        var result = await CliRunner.RunAsync(Temp.Path, "image", "untag", $"{Registry.Host}/{Repository}:absent");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SLW4025", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Untag_of_a_digest_reference_is_refused()
    {
        var result = await CliRunner.RunAsync(Temp.Path, "image", "untag", $"{Registry.Host}/{Repository}@sha256:{new string('a', 64)}");

        Assert.Equal(2, result.ExitCode);
    }
}
