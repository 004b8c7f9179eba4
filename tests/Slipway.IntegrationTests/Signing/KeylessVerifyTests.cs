using Slipway.IntegrationTests.Oci;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Signing;

/// <summary>
/// <c>slipway verify</c> of keyless bundles signed against the local Sigstore services: the identity policy, the trusted
/// root, and the policies that would let another repository's workflow through.
/// </summary>
[Collection(AnonymousRegistryGroup.Name)]
public sealed class KeylessVerifyTests(AnonymousRegistry server, LocalSigstore sigstore) : IClassFixture<LocalSigstore>
{
    private const string Workflow = "https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main";

    [Fact]
    public async Task A_keyless_signature_verifies_with_every_check_reported()
    {
        using var scenario = await SignedAsync();

        var result = await VerifyAsync(scenario, "--certificate-identity", Workflow, "--certificate-github-workflow-repository", "octo-org/octo-repo");

        Assert.Equal(0, result.ExitCode);
        foreach (var check in new[] { "certificate chain", "SCT", "tlog inclusion proof", "tlog SET", "tlog entry", "signing time", "signature", "statement", "identity" })
        {
            Assert.Contains($"(keyless bundle): {check}:", result.Out, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("FAIL", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--certificate-identity", "https://github.com/evil-org/octo-repo/.github/workflows/release.yml@refs/heads/main", "identity")]
    [InlineData("--certificate-github-workflow-repository", "octo-org/other-repo", "the certificate's workflow repository is 'octo-org/octo-repo'")]
    [InlineData("--certificate-oidc-issuer", "https://token.actions.githubusercontent.com", "OIDC issuer")]
    public async Task A_certificate_for_another_identity_repository_or_issuer_fails_the_identity_check(string option, string value, string reason)
    {
        using var scenario = await SignedAsync();
        var arguments = new Dictionary<string, string>
        {
            ["--certificate-identity"] = Workflow,
            ["--certificate-oidc-issuer"] = sigstore.Issuer,
            [option] = value,
        };

        var result = await VerifyAsync(scenario, issuer: false, [.. arguments.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL  signature", result.Out, StringComparison.Ordinal);
        Assert.Contains(": identity:", result.Out.Split('\n').Single(l => l.Contains("FAIL", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains(reason, result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workflow_run_at_a_ref_outside_heads_and_tags_fails_unless_named()
    {
        using var scenario = await SignedAsync(new { @ref = "refs/pull/1/merge" });

        var result = await VerifyAsync(scenario, "--certificate-identity-regexp", @"^https://github\.com/octo-org/octo-repo/", "--certificate-github-workflow-repository", "octo-org/octo-repo");
        var named = await VerifyAsync(scenario, "--certificate-identity-regexp", @"^https://github\.com/octo-org/octo-repo/", "--certificate-github-workflow-ref", "refs/pull/1/merge");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("outside refs/heads/ and refs/tags/", result.Err, StringComparison.Ordinal);
        Assert.Equal(0, named.ExitCode);
    }

    [Theory]
    [InlineData(".*", "matches any identity")]
    [InlineData(@"^https://github\.com/octo-org/octo.repo/", "unescaped '.'")]
    public async Task An_identity_regexp_that_lets_other_repositories_through_is_refused_with_exit_2(string regexp, string reason)
    {
        using var scenario = await SignedAsync();

        var result = await VerifyAsync(scenario, "--certificate-identity-regexp", regexp);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("slipway: error", StringComparison.Ordinal));
        Assert.Contains("SLW5108", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task A_match_anything_regexp_is_accepted_with_allow_any_identity()
    {
        using var scenario = await SignedAsync();

        var result = await VerifyAsync(scenario, "--certificate-identity-regexp", ".*", "--allow-any-identity");

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task The_identity_table_of_a_policy_file_verifies_options_override_it_and_match_anything_is_refused()
    {
        using var scenario = await SignedAsync();
        scenario.Directory.Write("other.toml", $"""
            [identity]
            identity = "https://github.com/evil-org/octo-repo/.github/workflows/release.yml@refs/heads/main"
            oidc-issuer = "{sigstore.Issuer}"
            github-workflow-repository = "octo-org/octo-repo"
            """);
        scenario.Directory.Write("any.toml", $"""
            [identity]
            identity-regexp = '.*'
            oidc-issuer = "{sigstore.Issuer}"
            """);
        string[] verify = ["verify", scenario.Tagged.ToString(), "--trusted-root", sigstore.TrustedRoot];
        var none = new Dictionary<string, string>();

        var other = await scenario.CliAsync(none, [.. verify, "--policy", "other.toml"]);
        var overridden = await scenario.CliAsync(none, [.. verify, "--policy", "other.toml", "--certificate-identity", Workflow]);
        var any = await scenario.CliAsync(none, [.. verify, "--policy", "any.toml"]);
        var withKey = await scenario.CliAsync(none, [.. verify[..2], "--policy", "other.toml", "--key", "cosign.pub"]);

        Assert.Equal(1, other.ExitCode);
        Assert.Contains(": identity:", other.Out.Split('\n').Single(l => l.Contains("FAIL", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(0, overridden.ExitCode);
        Assert.Equal(2, any.ExitCode);
        Assert.Contains("SLW5108", any.Err, StringComparison.Ordinal);
        Assert.Contains("matches any identity", any.Err, StringComparison.Ordinal);
        Assert.Empty(any.Out);
        Assert.Equal(2, withKey.ExitCode);
        Assert.Contains("exclude each other", withKey.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("""{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1","tlogs":[],"certificateAuthorities":[],"ctlogs":[]}""", "it has no certificateAuthorities")]
    public async Task A_trusted_root_that_is_not_json_or_lacks_a_key_is_refused_with_exit_2(string content, string reason)
    {
        using var scenario = await SignedAsync();
        scenario.Directory.Write("bad_root.json", content);

        var result = await scenario.CliAsync(
            new Dictionary<string, string>(), "verify", scenario.Tagged.ToString(), "--certificate-identity", Workflow,
            "--certificate-oidc-issuer", sigstore.Issuer, "--trusted-root", scenario.Directory["bad_root.json"]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("SLW5107", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_trusted_root_the_bundled_public_good_root_is_used_and_named()
    {
        using var scenario = await SignedAsync();

        var result = await scenario.CliAsync(
            new Dictionary<string, string>(), "verify", scenario.Tagged.ToString(), "--certificate-identity", Workflow,
            "--certificate-oidc-issuer", sigstore.Issuer, "--json");

        // The local Fulcio is not public-good's: the chain check fails against the bundled root, and says which root it was.
        Assert.Equal(1, result.ExitCode);
        using var report = System.Text.Json.JsonDocument.Parse(result.Out);
        Assert.StartsWith("the bundled Sigstore public-good root", report.RootElement.GetProperty("trustedRoot").GetString(), StringComparison.Ordinal);
        var chain = report.RootElement.GetProperty("checks").EnumerateArray().First(c => c.GetProperty("name").GetString()!.EndsWith(": certificate chain", StringComparison.Ordinal));
        Assert.False(chain.GetProperty("passed").GetBoolean());
        Assert.Contains("does not chain to a Fulcio CA of the trusted root", chain.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private Task<CliResult> VerifyAsync(SigningScenario scenario, params string[] policy) => VerifyAsync(scenario, issuer: true, policy);

    private async Task<CliResult> VerifyAsync(SigningScenario scenario, bool issuer, string[] policy)
    {
        string[] arguments = ["verify", scenario.Tagged.ToString(), "--trusted-root", sigstore.TrustedRoot, .. policy];
        return await scenario.CliAsync(new Dictionary<string, string>(), issuer ? [.. arguments, "--certificate-oidc-issuer", sigstore.Issuer] : arguments);
    }

    private async Task<SigningScenario> SignedAsync(object? claims = null)
    {
        var scenario = await SigningScenario.CreateAsync(server.Registry);
        scenario.Directory.Write("VERSION", "1.0.0");
        scenario.Directory.Write("slipway.toml", $$"""
            [project]
            name = "demo"
            version = { file = "VERSION", pattern = '(?<version>.+)' }

            {{sigstore.SigningTable()}}
            """);
        var environment = new Dictionary<string, string> { ["SIGSTORE_ID_TOKEN"] = await sigstore.MintAsync(claims) };
        var signed = await scenario.CliAsync(environment, "sign", scenario.Tagged.ToString());
        Assert.Equal(0, signed.ExitCode);
        return scenario;
    }
}
