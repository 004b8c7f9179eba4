using Slipway.Diagnostics;
using Slipway.Oci;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Oci;

/// <summary>Authentication failures and the token flow's cache, scopes and renewal, against the real registry.</summary>
public sealed class RegistryAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Wrong_basic_password_fails_with_401_and_the_registry_message()
    {
        await using var registry = await RegistryFixture.StartAsync(RegistryAuthMode.Basic);
        using var temp = new TempDirectory("auth");
        var environment = new Dictionary<string, string> { ["PW"] = "wrong-password", ["HOME"] = temp.Path };

        var result = await CliRunner.RunAsync(temp.Path, environment, "image", "inspect", $"{registry.Host}/any/thing:1", "--username", "slipway", "--password", "env:PW");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"SLW4010: GET http://{registry.Host}/v2/any/thing/manifests/1 returned 401 UNAUTHORIZED", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_pull_works_with_a_token_server_that_grants_it_and_push_is_refused()
    {
        await using var registry = await RegistryFixture.StartAsync(RegistryAuthMode.Token);
        using var temp = new TempDirectory("auth");
        var layout = TestImages.MultiPlatformIndex(temp["oci"]);
        using (var authorised = registry.CreateClient())
        {
            await ImagePush.PushAsync(authorised, OciLayout.Open(layout.Path, TestContext.Current.CancellationToken), null, registry.Reference("public/app", "1"), cancellationToken: Ct);
        }

        using var anonymous = new RegistryClient(new RegistryClientOptions { RetryDelay = TimeSpan.Zero });
        var digest = await anonymous.ResolveAsync(registry.Reference("public/app", "1"), Ct);
        var refused = await ImagePromotion.PromoteAsync(anonymous, new PromoteRequest(registry.Reference("public/app", "1"), layout.Top.Digest, ["2"]), Ct);

        Assert.Equal(layout.Top.Digest, digest);
        Assert.False(refused.Succeeded);
        Assert.Contains("insufficient_scope", refused.Tags[0].Error, StringComparison.Ordinal);
        Assert.Null(refused.Tags[0].Current);
        Assert.Equal(ErrorCode.PromotePartiallyFailed, Assert.Throws<SlipwayException>(refused.EnsureSucceeded).Code);
    }

    [Fact]
    public async Task A_narrower_granted_scope_is_used_and_a_refused_action_is_an_auth_error()
    {
        await using var registry = await RegistryFixture.StartAsync(RegistryAuthMode.Token);
        using var temp = new TempDirectory("auth");
        var layout = TestImages.MultiPlatformIndex(temp["oci"]);
        using (var client = registry.CreateClient())
        {
            await ImagePush.PushAsync(client, OciLayout.Open(layout.Path, TestContext.Current.CancellationToken), null, registry.Reference("scoped/app", "1"), cancellationToken: Ct);
        }

        registry.Tokens!.Grant = (_, _, actions) => [.. actions.Where(a => a == "pull")];
        using var readOnly = registry.CreateClient();

        var inspection = await ImageInspection.InspectAsync(readOnly, registry.Reference("scoped/app", "1"), Ct);
        var untag = await Assert.ThrowsAsync<SlipwayException>(() => ImageUntag.UntagAsync(readOnly, registry.Reference("scoped/app", "1"), Ct));

        Assert.Equal(layout.Top.Digest, inspection.Digest);
        Assert.Equal(ErrorCode.RegistryUnauthorized, untag.Code);
        Assert.Contains("insufficient_scope", untag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_are_cached_per_scope_and_renewed_when_they_expire()
    {
        await using var registry = await RegistryFixture.StartAsync(RegistryAuthMode.Token);
        using var temp = new TempDirectory("auth");
        var layout = TestImages.MultiPlatformIndex(temp["oci"]);
        var time = new ManualTime(DateTimeOffset.UtcNow);
        using var client = registry.CreateClient(o => o with { Time = time });
        await ImagePush.PushAsync(client, OciLayout.Open(layout.Path, TestContext.Current.CancellationToken), null, registry.Reference("cache/app", "pre"), cancellationToken: Ct);
        var afterPush = registry.Tokens!.Requests.Count;

        await ImagePromotion.PromoteAsync(client, new PromoteRequest(registry.Reference("cache/app", "pre"), layout.Top.Digest, ["1", "2", "3"]), Ct);
        var afterPromote = registry.Tokens.Requests.Count;
        time.Advance(TimeSpan.FromSeconds(registry.Tokens.Lifetime + 1));
        await client.ResolveAsync(registry.Reference("cache/app", "1"), Ct);

        Assert.InRange(afterPush, 1, 2);
        Assert.Equal(afterPush, afterPromote);
        Assert.Equal(afterPromote + 1, registry.Tokens.Requests.Count);
    }

    /// <summary>A clock the test moves by hand, to expire tokens without waiting.</summary>
    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
