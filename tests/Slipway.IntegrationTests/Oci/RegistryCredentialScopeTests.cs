using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Oci;

/// <summary>What reaches another host, recorded by a front there: the registry's credentials must not.</summary>
[Collection(AnonymousRegistryGroup.Name)]
public sealed class RegistryCredentialScopeTests(AnonymousRegistry server) : RegistryTest(server, "scope")
{
    [Fact]
    public async Task Push_sends_no_credentials_to_an_upload_location_on_another_host()
    {
        var layout = TestImages.SingleManifest(Temp["oci"]);
        using var storage = FaultProxy.Start(Registry.Host);
        using var registry = FaultProxy.Start(Registry.Host);
        registry.When(request => request.Headers.ContainsKey("Authorization")
            ? null
            : new ProxiedResponse(401, Headers: new Dictionary<string, string> { ["WWW-Authenticate"] = "Basic realm=\"scope\"" }));

        // Uploads go to another host:port, as a registry backed by blob storage sends them.
        registry.RewriteLocation = location => location.StartsWith('/')
            ? $"http://{storage.Host}{location}"
            : location.Replace(registry.Host, storage.Host, StringComparison.Ordinal);
        var environment = new Dictionary<string, string> { ["SCOPE_PASSWORD"] = "s3cret-scope-password" };

        var result = await CliRunner.RunAsync(
            Temp.Path, environment, "image", "push", layout.Path, $"{registry.Host}/{Repository}:1.0.0", "--username", "alice", "--password", "env:SCOPE_PASSWORD");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(storage.Received, r => r.Method == "PUT" && r.PathAndQuery.Contains("/blobs/uploads/", StringComparison.Ordinal));
        Assert.All(storage.Received, r => Assert.False(r.Headers.ContainsKey("Authorization"), $"{r.Method} {r.PathAndQuery} carried the registry's credentials"));
        Assert.Contains(registry.Received, r => r.Method == "POST" && r.Headers.ContainsKey("Authorization"));
    }
}
