using System.Text.Json;
using Slipway.Oci;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Oci;

[Collection(AnonymousRegistryGroup.Name)]
public sealed class ImagePromoteTests(AnonymousRegistry server) : RegistryTest(server, "promote")
{
    [Fact]
    public async Task Promote_puts_the_identical_index_bytes_at_every_tag_and_verifies_each()
    {
        var (layout, source) = await PushIndexAsync("prerelease");

        var result = await CliRunner.RunAsync(
            Temp.Path, "image", "promote", source, "--digest", layout.Top.Digest.ToString(), "--tag", "1.2.3", "--tag", "1.2", "--tag", "latest", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(layout.Top.Digest.ToString(), json.RootElement.GetProperty("digest").GetString());
        var tags = json.RootElement.GetProperty("tags").EnumerateArray().ToList();
        Assert.Equal(["1.2.3", "1.2", "latest"], tags.Select(t => t.GetProperty("tag").GetString()));
        Assert.All(tags, t =>
        {
            Assert.Equal(JsonValueKind.Null, t.GetProperty("previous").ValueKind);
            Assert.Equal(layout.Top.Digest.ToString(), t.GetProperty("digest").GetString());
            Assert.True(t.GetProperty("verified").GetBoolean());
        });
        using var client = Registry.CreateClient();
        var original = await client.GetManifestAsync(Registry.Reference(Repository, "prerelease"), Ct);
        foreach (var tag in new[] { "1.2.3", "1.2", "latest" })
        {
            var promoted = await client.GetManifestAsync(Registry.Reference(Repository, tag), Ct);
            Assert.Equal(original.Bytes, promoted.Bytes);
            Assert.Equal(MediaTypes.OciIndex, promoted.MediaType);
            Assert.Equal(layout.Top.Digest, Skopeo.DigestOf($"{Registry.Host}/{Repository}:{tag}"));
        }

        var inspection = await ImageInspection.InspectAsync(client, Registry.Reference(Repository, "latest"), Ct);
        Assert.Single(inspection.Attestations);
        Assert.Equal("unknown", inspection.Attestations[0].Platform!.Os);
    }

    [Fact]
    public async Task Promote_keeps_a_single_manifest_a_single_manifest()
    {
        var layout = TestImages.SingleManifest(Temp["single"]);
        using var client = Registry.CreateClient();
        await PushAsync(layout, "pre");

        var result = await ImagePromotion.PromoteAsync(client, new PromoteRequest(Registry.Reference(Repository, "pre"), layout.Top.Digest, ["1.0.0"]), Ct);

        Assert.True(result.Succeeded);
        var promoted = await client.GetManifestAsync(Registry.Reference(Repository, "1.0.0"), Ct);
        Assert.Equal(MediaTypes.OciManifest, promoted.MediaType);
        Assert.Equal(layout.Top.Digest, promoted.Digest);
    }

    [Fact]
    public async Task Promote_records_the_digest_a_tag_named_before()
    {
        var (older, _) = await PushIndexAsync("old");
        var (layout, source) = await PushIndexAsync("prerelease");
        using var client = Registry.CreateClient();
        await ImagePromotion.PromoteAsync(client, new PromoteRequest(Registry.Reference(Repository, "old"), older.Top.Digest, ["latest"]), Ct);

        var result = await ImagePromotion.PromoteAsync(client, new PromoteRequest(ImageReference.Parse(source), layout.Top.Digest, ["2.0.0", "latest"]), Ct);

        Assert.Null(result.Tags[0].Previous);
        Assert.Equal(older.Top.Digest, result.Tags[1].Previous);
        Assert.Equal(["2.0.0", "latest"], result.MovedTags);
    }

    [Fact]
    public async Task Promote_fails_when_source_tag_moved_and_creates_no_tag()
    {
        var (layout, source) = await PushIndexAsync("prerelease");
        var (other, _) = await PushIndexAsync("other");
        using var client = Registry.CreateClient();
        await ImagePromotion.PromoteAsync(client, new PromoteRequest(Registry.Reference(Repository, "other"), other.Top.Digest, ["prerelease"]), Ct);

        var result = await CliRunner.RunAsync(Temp.Path, "image", "promote", source, "--digest", layout.Top.Digest.ToString(), "--tag", "1.2.3");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SLW4016", result.Err, StringComparison.Ordinal);
        Assert.Contains("possible tag tampering", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("1.2.3", await client.ListTagsAsync(Registry.Reference(Repository), Ct));
    }

    [Fact]
    public async Task Promote_of_several_images_in_one_call_checks_every_source_before_moving_any_tag()
    {
        var (first, firstSource) = await PushIndexAsync("pre");
        var (second, secondSource) = await PushIndexAsync("pre", Repository + "-second");

        var tampered = await CliRunner.RunAsync(
            Temp.Path, "image", "promote", firstSource, "--digest", first.Top.Digest.ToString(), secondSource, "--digest", first.Top.Digest.ToString(), "--tag", "9.9.9");
        var result = await CliRunner.RunAsync(
            Temp.Path, "image", "promote", firstSource, "--digest", first.Top.Digest.ToString(), secondSource, "--digest", second.Top.Digest.ToString(), "--tag", "1.0.0", "--tag", "latest", "--json");

        Assert.Equal(1, tampered.ExitCode);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var images = json.RootElement.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal([first.Top.Digest.ToString(), second.Top.Digest.ToString()], images.Select(i => i.GetProperty("digest").GetString()));
        using var client = Registry.CreateClient();
        Assert.DoesNotContain("9.9.9", await client.ListTagsAsync(Registry.Reference(Repository), Ct));
        Assert.Equal(second.Top.Digest, await client.ResolveAsync(Registry.Reference(Repository + "-second", "latest"), Ct));
    }

    [Fact]
    public async Task Promote_refuses_two_digests_for_one_tag()
    {
        var (first, firstSource) = await PushIndexAsync("a-pre");
        var (second, secondSource) = await PushIndexAsync("b-pre");

        var result = await CliRunner.RunAsync(
            Temp.Path, "image", "promote", firstSource, "--digest", first.Top.Digest.ToString(), secondSource, "--digest", second.Top.Digest.ToString(), "--tag", "1.0.0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("SLW4026", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_to_another_repository_mounts_the_blobs_and_keeps_the_digest()
    {
        var (layout, source) = await PushIndexAsync("prerelease");
        var target = $"{Registry.Host}/{Repository}-release";

        var result = await CliRunner.RunAsync(Temp.Path, "image", "promote", source, "--digest", layout.Top.Digest.ToString(), "--tag", "1.0.0", "--to", target);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(layout.Top.Digest, Skopeo.DigestOf($"{target}:1.0.0"));
        var copied = ProcessRunner.Run("skopeo", ["copy", "--all", "--src-tls-verify=false", $"docker://{target}:1.0.0", $"oci:{Temp["copied"]}:x"]);
        Assert.True(copied.ExitCode == 0, copied.Err);
    }

    [Theory]
    [InlineData("--digest", "sha256:1234", "SLW4002")]
    [InlineData("--tag", "-bad", "SLW4003")]
    [InlineData("--tag", "has space", "SLW4003")]
    public async Task Promote_refuses_bad_input_and_changes_nothing(string option, string value, string code)
    {
        var (layout, source) = await PushIndexAsync("prerelease");
        string[] arguments = option == "--digest"
            ? ["image", "promote", source, "--digest", value, "--tag", "1.0.0"]
            : ["image", "promote", source, "--digest", layout.Top.Digest.ToString(), "--tag", value];

        var result = await CliRunner.RunAsync(Temp.Path, arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(code, result.Err, StringComparison.Ordinal);
        using var client = Registry.CreateClient();
        Assert.Equal(["prerelease"], await client.ListTagsAsync(Registry.Reference(Repository), Ct));
    }

    private async Task<(TestLayout Layout, string Source)> PushIndexAsync(string tag, string? repository = null)
    {
        repository ??= Repository;
        var layout = TestImages.MultiPlatformIndex(Temp[Guid.NewGuid().ToString("N")]);
        await PushAsync(layout, tag, repository);
        return (layout, $"{Registry.Host}/{repository}:{tag}");
    }
}
