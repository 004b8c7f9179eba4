using System.Net;

namespace Slipway.IntegrationTests.Web;

/// <summary>Sign-in attempts are throttled per address (its own server: the block would outlast the other tests' sign-ins).</summary>
public sealed class ApprovalServerThrottleTests(ApprovalServerFixture server) : IClassFixture<ApprovalServerFixture>
{
    [Fact]
    public async Task A_bad_or_expired_token_signs_no_one_in_and_repeated_failures_are_throttled()
    {
        var expired = await server.TokenAsync("alice", TimeSpan.FromMilliseconds(1));
        await Task.Delay(20, TestContext.Current.CancellationToken);
        using var browser = ApprovalServerTests.Browser();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var response = await ApprovalServerTests.SignInAsync(server, browser, attempt == 0 ? expired : "slw_wrong");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("slipway_session=", StringComparison.Ordinal) && !v.StartsWith("slipway_session=;", StringComparison.Ordinal)));
        }

        var good = await ApprovalServerTests.SignInAsync(server, browser, await server.TokenAsync("alice"));
        Assert.Equal((HttpStatusCode)429, good.StatusCode);
    }

}
