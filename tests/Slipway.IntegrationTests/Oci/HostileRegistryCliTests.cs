using System.Text;
using Slipway.Oci;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Oci;

/// <summary>The image commands against a registry that answers badly: one coded line on stderr, exit 1, no stack trace.</summary>
public sealed class HostileRegistryCliTests : IDisposable
{
    private static readonly byte[] Manifest = OciJson.Manifest(
        new Descriptor(MediaTypes.OciEmpty, Digest.Sha256("{}"u8), 2), [], artifactType: "application/vnd.example");

    private readonly TempDirectory _temp = new("hostile");

    [Fact]
    public async Task Inspect_of_a_manifest_larger_than_the_cap_is_a_coded_error()
    {
        using var registry = CannedRegistry.Start(_ => new ProxiedResponse(200, new string(' ', 5 * 1024 * 1024), MediaTypes.OciManifest));

        var result = await CliRunner.RunAsync(_temp.Path, "image", "inspect", $"{registry.Host}/acme/app:1.0.0");

        AssertCodedFailure(result, "SLW4029");
    }

    [Fact]
    public async Task Untag_against_a_tags_list_that_links_to_itself_is_a_coded_error()
    {
        using var registry = CannedRegistry.Start(request => request switch
        {
            { Method: "GET", PathAndQuery: "/v2/acme/app/manifests/1.0.0" } => new ProxiedResponse(200, Encoding.UTF8.GetString(Manifest), MediaTypes.OciManifest),
            { Method: "GET" } when request.PathAndQuery.StartsWith("/v2/acme/app/tags/list", StringComparison.Ordinal) => new ProxiedResponse(
                200,
                """{"name":"acme/app","tags":["1.0.0","latest"]}""",
                Headers: new Dictionary<string, string> { ["Link"] = "</v2/acme/app/tags/list>; rel=\"next\"" }),
            _ => ProxiedResponse.Error(400, "UNSUPPORTED", "not here"),
        });

        var result = await CliRunner.RunAsync(_temp.Path, "image", "untag", $"{registry.Host}/acme/app:1.0.0");

        AssertCodedFailure(result, "SLW4031");
        Assert.DoesNotContain(registry.Received, r => r.Method is "DELETE" && r.PathAndQuery.Contains("sha256:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inspect_with_a_token_answer_whose_expires_in_is_not_an_integer_is_a_coded_error()
    {
        using var registry = CannedRegistry.Start(_ => new ProxiedResponse(500));
        registry.Answer = request => request.PathAndQuery.StartsWith("/token", StringComparison.Ordinal)
            ? new ProxiedResponse(200, """{"token":"t0k3n","expires_in":1.5}""")
            : new ProxiedResponse(401, Headers: new Dictionary<string, string>
            {
                ["WWW-Authenticate"] = $"Bearer realm=\"http://{registry.Host}/token\",service=\"canned\"",
            });

        var result = await CliRunner.RunAsync(_temp.Path, "image", "inspect", $"{registry.Host}/acme/app:1.0.0");

        AssertCodedFailure(result, "SLW4030");
    }

    public void Dispose() => _temp.Dispose();

    private static void AssertCodedFailure(CliResult result, string code)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        var lines = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"slipway: error {code}: ", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length <= 2, result.ToString());
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
    }
}
