using System.Text;
using System.Text.Json;
using Slipway.Oci;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Oci;

/// <summary>What distribution cannot do by itself, played by a fault-injecting proxy in front of it.</summary>
[Collection(AnonymousRegistryGroup.Name)]
public sealed class RegistryFaultTests(AnonymousRegistry server) : RegistryTest(server, "faults")
{
    [Fact]
    public async Task Promote_that_fails_on_its_third_tag_reports_exactly_which_tags_moved()
    {
        var layout = await PushIndexAsync();
        using var proxy = FaultProxy.Start(Registry.Host);
        proxy.Fail(r => r.Method == "PUT" && r.PathAndQuery.EndsWith("/manifests/latest", StringComparison.Ordinal), ProxiedResponse.Error(500, "UNKNOWN", "disk full"));

        var result = await CliRunner.RunAsync(
            Temp.Path, "image", "promote", $"{proxy.Host}/{Repository}:prerelease", "--digest", layout.Top.Digest.ToString(), "--tag", "1.2.3", "--tag", "1.2", "--tag", "latest", "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SLW4018", result.Err, StringComparison.Ordinal);
        Assert.Contains("moved: 1.2.3, 1.2", result.Err, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Out);
        var tags = json.RootElement.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("tag").GetString()!, t => t.GetProperty("verified").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["1.2.3"] = true, ["1.2"] = true, ["latest"] = false }, tags);
        Assert.Contains("returned 500 UNKNOWN: disk full", result.Out, StringComparison.Ordinal);

        // Retries are for transient failures; a PUT that keeps failing is reported, after the configured attempts.
        Assert.Equal(4, proxy.Count("PUT", "/manifests/latest"));
    }

    [Fact]
    public async Task A_burst_of_5xx_on_idempotent_requests_is_retried()
    {
        var layout = await PushIndexAsync();
        using var proxy = FaultProxy.Start(Registry.Host);
        proxy.Fail(r => r.Method == "GET" && r.PathAndQuery.Contains("/manifests/", StringComparison.Ordinal), ProxiedResponse.Error(503, "UNAVAILABLE", "busy"), count: 2);
        proxy.Fail(r => r.Method == "PUT" && r.PathAndQuery.Contains("/manifests/", StringComparison.Ordinal), ProxiedResponse.Error(502, "BAD_GATEWAY", "upstream"), count: 1);
        using var client = Registry.CreateClient();

        var result = await ImagePromotion.PromoteAsync(
            client, new PromoteRequest(new ImageReference(proxy.Host, Repository, "prerelease"), layout.Top.Digest, ["1.0.0"]), Ct);

        Assert.True(result.Succeeded);
        Assert.Equal(2, proxy.Count("PUT", "/manifests/1.0.0"));
    }

    [Fact]
    public async Task Reads_that_time_out_are_retried()
    {
        var layout = await PushIndexAsync();
        using var proxy = FaultProxy.Start(Registry.Host);
        proxy.Fail(r => r.Method == "GET", ProxiedResponse.Hang, count: 2);
        using var client = Registry.CreateClient(o => o with { RequestTimeout = TimeSpan.FromMilliseconds(500) });

        var digest = await client.ResolveAsync(new ImageReference(proxy.Host, Repository, "prerelease"), Ct);

        Assert.Equal(layout.Top.Digest, digest);
        Assert.Equal(3, proxy.Count("GET", "/manifests/prerelease"));
    }

    [Fact]
    public async Task Untag_uses_delete_by_tag_where_the_registry_supports_it()
    {
        await PushIndexAsync();
        using var proxy = FaultProxy.Start(Registry.Host);
        proxy.Fail(r => r.Method == "DELETE" && r.PathAndQuery.EndsWith("/manifests/prerelease", StringComparison.Ordinal), new ProxiedResponse(202));

        var result = await CliRunner.RunAsync(Temp.Path, "image", "untag", $"{proxy.Host}/{Repository}:prerelease", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"method\": \"delete-tag\"", result.Out, StringComparison.Ordinal);
        Assert.Equal(1, proxy.Count("DELETE", "/manifests/"));
        Assert.Equal(0, proxy.Count("GET", "/tags/list"));
    }

    [Fact]
    public async Task A_403_is_a_loud_failure_naming_the_request()
    {
        await PushIndexAsync();
        using var proxy = FaultProxy.Start(Registry.Host);
        proxy.Fail(r => r.Method == "DELETE", ProxiedResponse.Error(403, "DENIED", "requested access to the resource is denied"));

        var result = await CliRunner.RunAsync(Temp.Path, "image", "untag", $"{proxy.Host}/{Repository}:prerelease");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"SLW4011: DELETE http://{proxy.Host}/v2/{Repository}/manifests/prerelease returned 403 DENIED: requested access to the resource is denied", result.Err, StringComparison.Ordinal);
        using var client = Registry.CreateClient();
        Assert.Equal(["prerelease"], await client.ListTagsAsync(Registry.Reference(Repository), Ct));
    }

    [Fact]
    public async Task A_registry_that_rewrites_manifests_fails_verification()
    {
        var layout = await PushIndexAsync();
        using var proxy = FaultProxy.Start(Registry.Host);
        proxy.RewriteManifest = (request, bytes) => request.PathAndQuery.EndsWith("/manifests/1.2", StringComparison.Ordinal)
            ? [.. bytes, .. Encoding.UTF8.GetBytes("\n")]
            : bytes;

        var result = await CliRunner.RunAsync(
            Temp.Path, "image", "promote", $"{proxy.Host}/{Repository}:prerelease", "--digest", layout.Top.Digest.ToString(), "--tag", "1.2.3", "--tag", "1.2");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SLW4017", result.Err, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  1\.2 +FAILED", result.Out);
        Assert.Matches(@"(?m)^  1\.2\.3 +verified", result.Out);
    }

    [Fact]
    public async Task A_manifest_served_by_digest_with_other_bytes_is_refused()
    {
        var layout = await PushIndexAsync();
        using var proxy = FaultProxy.Start(Registry.Host);
        proxy.RewriteManifest = (_, bytes) => [.. bytes, (byte)' '];

        var result = await CliRunner.RunAsync(Temp.Path, "image", "inspect", $"{proxy.Host}/{Repository}@{layout.Top.Digest}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SLW4015", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_put_answered_with_another_digest_is_an_error()
    {
        var layout = await PushIndexAsync();
        using var proxy = FaultProxy.Start(Registry.Host);
        var other = $"sha256:{new string('0', 64)}";
        proxy.Fail(
            r => r.Method == "PUT" && r.PathAndQuery.EndsWith("/manifests/1.0.0", StringComparison.Ordinal),
            new ProxiedResponse(201, Headers: new Dictionary<string, string> { ["Docker-Content-Digest"] = other }));
        using var client = Registry.CreateClient();

        var result = await ImagePromotion.PromoteAsync(
            client, new PromoteRequest(new ImageReference(proxy.Host, Repository, "prerelease"), layout.Top.Digest, ["1.0.0"]), Ct);

        Assert.False(result.Succeeded);
        Assert.Contains(other, result.Tags[0].Error, StringComparison.Ordinal);
    }

    private async Task<TestLayout> PushIndexAsync()
    {
        var layout = TestImages.MultiPlatformIndex(Temp["oci"]);
        await PushAsync(layout, "prerelease");
        return layout;
    }
}
