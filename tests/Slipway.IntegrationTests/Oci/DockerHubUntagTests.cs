using Slipway.Diagnostics;
using Slipway.Oci;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Oci;

/// <summary>Docker Hub's registry refuses DELETE; its own API removes a tag after a JWT login. Hub is out of reach here.</summary>
public sealed class DockerHubUntagTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Untag_on_Docker_Hub_logs_in_then_deletes_the_tag_through_the_hub_api()
    {
        using var hub = FakeDockerHub.Start("acme-bot", "hub-password", "acme/demo:prerelease", "acme/demo:latest");
        using var http = new HttpClient();
        var api = new DockerHubApi(http, hub.BaseUri);

        await api.DeleteTagAsync(ImageReference.Parse("acme/demo:prerelease"), new RegistryCredentials("acme-bot", "hub-password"), Ct);

        Assert.Equal(["acme/demo:latest"], hub.Tags.Keys);
        var requests = hub.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal("POST /v2/users/login ", requests[0]);
        Assert.StartsWith("DELETE /v2/repositories/acme/demo/tags/prerelease/ Bearer hub-jwt-", requests[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Untag_of_a_docker_io_reference_resolves_the_tag_then_deletes_it_through_the_hub_api_only()
    {
        await using var registry = await RegistryFixture.StartAsync();
        using var temp = new TempDirectory("hub");
        using var hub = FakeDockerHub.Start("acme-bot", "hub-password", "acme/demo:prerelease", "acme/demo:latest");
        var layout = TestImages.MultiPlatformIndex(temp["oci"]);
        using var client = HubClient(registry, hub, new RegistryCredentials("acme-bot", "hub-password"));
        await ImagePush.PushAsync(client, OciLayout.Open(layout.Path, TestContext.Current.CancellationToken), null, ImageReference.Parse("acme/demo:prerelease"), cancellationToken: Ct);

        var result = await ImageUntag.UntagAsync(client, ImageReference.Parse("acme/demo:prerelease"), Ct);

        Assert.Equal(UntagMethod.DockerHub, result.Method);
        Assert.Equal(layout.Top.Digest, result.Digest);
        Assert.Equal(["acme/demo:latest"], hub.Tags.Keys);
        Assert.DoesNotContain("\"DELETE /v2/", registry.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Untag_on_Docker_Hub_without_credentials_fails_loudly()
    {
        await using var registry = await RegistryFixture.StartAsync();
        using var temp = new TempDirectory("hub");
        using var hub = FakeDockerHub.Start("acme-bot", "hub-password", "acme/demo:prerelease");
        var layout = TestImages.SingleManifest(temp["oci"]);
        using var client = HubClient(registry, hub, null);
        await ImagePush.PushAsync(client, OciLayout.Open(layout.Path, TestContext.Current.CancellationToken), null, ImageReference.Parse("acme/demo:prerelease"), cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => ImageUntag.UntagAsync(client, ImageReference.Parse("acme/demo:prerelease"), Ct));

        Assert.Equal(ErrorCode.UntagFailed, error.Code);
        Assert.Single(hub.Tags);
        Assert.Empty(hub.Requests);
    }

    [Fact]
    public async Task Official_images_use_the_library_namespace()
    {
        using var hub = FakeDockerHub.Start("acme-bot", "hub-password", "library/alpine:old");
        using var http = new HttpClient();

        await new DockerHubApi(http, hub.BaseUri).DeleteTagAsync(ImageReference.Parse("alpine:old"), new RegistryCredentials("acme-bot", "hub-password"), Ct);

        Assert.Empty(hub.Tags);
    }

    [Fact]
    public async Task A_wrong_hub_password_fails_loudly_and_deletes_nothing()
    {
        using var hub = FakeDockerHub.Start("acme-bot", "hub-password", "acme/demo:prerelease");
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<SlipwayException>(() =>
            new DockerHubApi(http, hub.BaseUri).DeleteTagAsync(ImageReference.Parse("acme/demo:prerelease"), new RegistryCredentials("acme-bot", "nope"), Ct));

        Assert.Equal(ErrorCode.RegistryUnauthorized, error.Code);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Single(hub.Tags);
    }

    [Fact]
    public async Task A_missing_hub_tag_is_reported()
    {
        using var hub = FakeDockerHub.Start("acme-bot", "hub-password");
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<SlipwayException>(() =>
            new DockerHubApi(http, hub.BaseUri).DeleteTagAsync(ImageReference.Parse("acme/demo:gone"), new RegistryCredentials("acme-bot", "hub-password"), Ct));

        Assert.Equal(ErrorCode.TagNotFound, error.Code);
    }

    /// <summary>A client whose docker.io is the local registry (for the /v2/ API) and the fake (for Hub's own API).</summary>
    private static RegistryClient HubClient(RegistryFixture registry, FakeDockerHub hub, RegistryCredentials? credentials) =>
        new(new RegistryClientOptions
        {
            DockerHubRegistry = registry.Host,
            DockerHubApi = hub.BaseUri,
            Credentials = credentials is null
                ? StaticCredentialProvider.Empty
                : new StaticCredentialProvider(new Dictionary<string, RegistryCredentials> { [ImageReference.DockerHub] = credentials }),
        });
}
