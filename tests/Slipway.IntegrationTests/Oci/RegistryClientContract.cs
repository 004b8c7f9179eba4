using System.Text;
using Slipway.Oci;
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

    public void Dispose()
    {
        server.AttachLogIfFailed();
        GC.SuppressFinalize(this);
    }
}
