using Slipway.Diagnostics;
using Slipway.IntegrationTests.Oci;
using Slipway.Oci;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Signing;

/// <summary>
/// <c>slipway verify</c> against a registry whose referrers listing misbehaves (<see cref="ReferrersFront.Paging"/>): a
/// <c>Link</c> that leads back to a page already read, and one that pages forever, are each refused with SLW5150 on one
/// line, exit 1 (a failed operation: the registry's answer, not the user's input), after a bounded number of requests.
/// </summary>
[Collection(AnonymousRegistryGroup.Name)]
public sealed class ReferrersPagingRefusalTests(AnonymousRegistry server) : IDisposable
{
    private RegistryFixture Registry => server.Registry;

    public void Dispose() => server.AttachLogIfFailed();

    [Fact]
    public async Task Verify_refuses_a_referrers_listing_whose_link_leads_back_to_a_page_already_read()
    {
        var (result, pages) = await VerifyThroughAsync(ReferrersPaging.LoopsBack);

        AssertRefused(result, "leads back to a page already read");
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Verify_refuses_a_referrers_listing_that_pages_forever_after_100_pages()
    {
        var (result, pages) = await VerifyThroughAsync(ReferrersPaging.Endless);

        AssertRefused(result, "more than 100 pages");
        Assert.Equal(100, pages);
    }

    /// <summary>Signs the scenario's index through an honest front, then verifies it with the front in <paramref name="paging"/>; nothing is written by the refused verify.</summary>
    private async Task<(CliResult Result, int Pages)> VerifyThroughAsync(ReferrersPaging paging)
    {
        using var front = ReferrersFront.Start(Registry.Host);
        using var scenario = await SigningScenario.CreateAsync(Registry);
        var image = new ImageReference(front.Host, scenario.Repository.Repository, "v1");
        var signed = await scenario.CliAsync("sign", image.ToString(), "--key", "cosign.key", "--format", "bundle");
        Assert.True(signed.ExitCode == ExitCodes.Success, signed.ToString());
        var tagsBefore = await scenario.TagsAsync();
        var filesBefore = scenario.Directory.Snapshot();
        var listing = $"/referrers/{scenario.IndexDigest}";
        var before = front.Count("GET", listing);
        var writesBefore = front.Requests.Count(r => !r.StartsWith("GET ", StringComparison.Ordinal) && !r.StartsWith("HEAD ", StringComparison.Ordinal));

        front.Paging = paging;
        var result = await scenario.CliAsync("verify", image.ToString(), "--key", "cosign.pub");

        var writes = front.Requests.Count(r => !r.StartsWith("GET ", StringComparison.Ordinal) && !r.StartsWith("HEAD ", StringComparison.Ordinal));
        Assert.Equal(writesBefore, writes);
        Assert.Equal(tagsBefore, await scenario.TagsAsync());
        Assert.Equal(filesBefore, scenario.Directory.Snapshot());
        return (result, front.Count("GET", listing) - before);
    }

    private static void AssertRefused(CliResult result, string reason)
    {
        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        var lines = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("slipway: error SLW5150: ", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Err, StringComparison.Ordinal);
    }
}
