using System.Text;
using System.Text.Json;
using Slipway.Oci;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Oci;

/// <summary>The client's protocol operations, run against the real registry in each authentication mode.</summary>
public abstract class RegistryClientContract(RegistryServer server) : IDisposable
{
    protected RegistryFixture Registry => server.Registry;

    protected static string NewRepository() => "contract/" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Blob_upload_then_exists_and_reads_back()
    {
        using var client = Registry.CreateClient();
        var repository = Registry.Reference(NewRepository());
        var content = Encoding.UTF8.GetBytes("hello " + Guid.NewGuid());
        var digest = Digest.Sha256(content);

        Assert.False(await client.BlobExistsAsync(repository, digest, TestContext.Current.CancellationToken));
        await client.UploadBlobAsync(repository, content, TestContext.Current.CancellationToken);

        Assert.True(await client.BlobExistsAsync(repository, digest, TestContext.Current.CancellationToken));
        Assert.Equal(content, await client.GetBlobAsync(repository, digest, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Manifest_put_by_tag_reads_back_byte_for_byte_with_its_media_type()
    {
        using var client = Registry.CreateClient();
        var repository = Registry.Reference(NewRepository());
        var ct = TestContext.Current.CancellationToken;
        var config = await client.UploadBlobAsync(repository, "{}"u8.ToArray(), ct);
        var layer = await client.UploadBlobAsync(repository, TestImages.Layer(Guid.NewGuid().ToString()), ct);
        var manifest = OciJson.Manifest(
            new Descriptor(MediaTypes.OciConfig, config, 2),
            [new Descriptor(MediaTypes.OciLayer, layer, TestImages.Layer("x").Length)]);

        var pushed = await client.PutManifestAsync(repository.WithTag("v1"), manifest, MediaTypes.OciManifest, ct);
        var read = await client.GetManifestAsync(repository.WithTag("v1"), ct);

        Assert.Equal(Digest.Sha256(manifest), pushed);
        Assert.Equal(manifest, read.Bytes);
        Assert.Equal(MediaTypes.OciManifest, read.MediaType);
        Assert.Equal(pushed, await client.ResolveAsync(repository.WithTag("v1"), ct));
        Assert.Equal(["v1"], await client.ListTagsAsync(repository, ct));
    }

    [Fact]
    public async Task Missing_tag_resolves_to_null_and_an_unknown_repository_has_no_tags()
    {
        using var client = Registry.CreateClient();
        var repository = Registry.Reference(NewRepository());
        var ct = TestContext.Current.CancellationToken;

        Assert.Null(await client.ResolveAsync(repository.WithTag("nope"), ct));
        Assert.Empty(await client.ListTagsAsync(repository, ct));
    }

    [Fact]
    public async Task Push_promote_inspect_and_untag_work_from_the_command_line()
    {
        using var temp = new TempDirectory("contract");
        var layout = TestImages.MultiPlatformIndex(temp["oci"]);
        var repository = $"{Registry.Host}/{NewRepository()}";

        var push = await CliAsync(temp.Path, "image", "push", layout.Path, $"{repository}:prerelease");
        var promote = await CliAsync(temp.Path, "image", "promote", $"{repository}:prerelease", "--digest", layout.Top.Digest.ToString(), "--tag", "1.0.0", "--tag", "latest");
        var inspect = await CliAsync(temp.Path, "image", "inspect", $"{repository}:latest", "--json");
        var untag = await CliAsync(temp.Path, "image", "untag", $"{repository}:prerelease");

        foreach (var result in new[] { push, promote, inspect, untag })
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.DoesNotContain(RegistryFixture.Password, result.Out + result.Err, StringComparison.Ordinal);
        }

        Assert.Equal(layout.Top.Digest.ToString(), push.Out.Trim());
        using (var json = JsonDocument.Parse(inspect.Out))
        {
            Assert.Equal(layout.Top.Digest.ToString(), json.RootElement.GetProperty("digest").GetString());
        }

        string[] credentials = Registry.Credentials is null ? [] : [RegistryFixture.Username, RegistryFixture.Password];
        Assert.Equal(layout.Top.Digest, Skopeo.DigestOf($"{repository}:1.0.0", credentials));
        using var client = Registry.CreateClient();
        Assert.Equal(["1.0.0", "latest"], (await client.ListTagsAsync(ImageReference.Parse(repository), TestContext.Current.CancellationToken)).Order(StringComparer.Ordinal));
    }

    /// <summary>Runs the CLI with this registry's credentials, the password passed as env:NAME.</summary>
    protected async Task<CliResult> CliAsync(string directory, params string[] arguments)
    {
        if (Registry.Credentials is null)
        {
            return await CliRunner.RunAsync(directory, arguments);
        }

        var environment = new Dictionary<string, string> { ["TEST_REGISTRY_PASSWORD"] = RegistryFixture.Password, ["HOME"] = directory };
        return await CliRunner.RunAsync(directory, environment, [.. arguments, "--username", RegistryFixture.Username, "--password", "env:TEST_REGISTRY_PASSWORD"]);
    }

    public void Dispose()
    {
        server.AttachLogIfFailed();
        GC.SuppressFinalize(this);
    }
}
