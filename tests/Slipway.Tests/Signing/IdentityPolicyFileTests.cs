using Slipway.Diagnostics;
using Slipway.Signing.Provenance;
using Slipway.Signing.Sigstore;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Signing;

/// <summary>The <c>[identity]</c> table of <c>slipway verify --policy FILE</c>: cosign's keyless options, overridden by the options given, refused like them.</summary>
public sealed class IdentityPolicyFileTests
{
    private const string Table = """
        [identity]
        identity-regexp = '^https://github\.com/octo-org/octo-repo/\.github/workflows/release\.yml@refs/tags/'
        oidc-issuer = "https://token.actions.githubusercontent.com"
        github-workflow-repository = "octo-org/octo-repo"
        github-workflow-ref = "refs/tags/v1.0.0"
        github-workflow-trigger = "push"
        """;

    private static readonly IdentityPolicyValues None = new(null, null, null, null, null, null, false);

    [Fact]
    public void Every_key_of_the_identity_table_is_read_without_a_provenance_table()
    {
        using var directory = new TempDirectory("policy");

        var (provenance, identity) = VerificationPolicyFile.Read(directory.Write("policy.toml", Table), new DictionaryEnvironment(), new SecretRedactor());

        Assert.True(provenance.IsEmpty);
        Assert.Equal(
            new IdentityPolicyValues(null, @"^https://github\.com/octo-org/octo-repo/\.github/workflows/release\.yml@refs/tags/", "https://token.actions.githubusercontent.com", "octo-org/octo-repo", "refs/tags/v1.0.0", "push", false),
            identity);
    }

    [Fact]
    public void Options_given_override_the_file_and_an_identity_replaces_the_files_regexp()
    {
        using var directory = new TempDirectory("policy");
        var file = VerificationPolicyFile.Read(directory.Write("policy.toml", Table), new DictionaryEnvironment(), new SecretRedactor()).Identity!;

        var merged = file.Over(None with { Identity = "https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main", WorkflowRef = "refs/heads/main" });

        Assert.Equal("https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main", merged.Identity);
        Assert.Null(merged.IdentityRegexp);
        Assert.Equal("refs/heads/main", merged.WorkflowRef);
        Assert.Equal("octo-org/octo-repo", merged.WorkflowRepository);
        Assert.Equal("push", merged.WorkflowTrigger);
        Assert.Equal(file, file.Over(None));
    }

    [Theory]
    [InlineData("identity-regexp = '.*'\noidc-issuer = \"https://x\"\n", false)]
    [InlineData("identity-regexp = '.*'\noidc-issuer = \"https://x\"\nallow-any-identity = true\n", true)]
    public void A_match_anything_regexp_in_the_file_is_refused_unless_it_allows_any_identity(string keys, bool allowed)
    {
        using var directory = new TempDirectory("policy");
        var identity = VerificationPolicyFile.Read(directory.Write("policy.toml", "[identity]\n" + keys), new DictionaryEnvironment(), new SecretRedactor()).Identity!;

        if (allowed)
        {
            Assert.NotNull(identity.ToPolicy());
            return;
        }

        var error = Assert.Throws<SlipwayException>(identity.ToPolicy);
        Assert.Equal(ErrorCode.IdentityPolicyInvalid, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.Contains("matches any identity", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("identity-regexp = '.*'\noidc-issuer = \"https://x\"\n", "policy.toml:2:1: identity.identity-regexp '.*' matches any identity")]
    [InlineData("oidc-issuer = \"https://x\"\nidentity-regexp = '^https://github.com/o/r/'\n", "policy.toml:3:1: identity.identity-regexp has an unescaped '.' at 15")]
    [InlineData("identity-regexp = '^(x'\noidc-issuer = \"https://x\"\n", "policy.toml:2:1: identity.identity-regexp is not a regular expression")]
    [InlineData("identity = \"x\"\nidentity-regexp = '^x$'\noidc-issuer = \"https://x\"\n", "policy.toml:2:1: identity.identity and ")]
    [InlineData("identity = \"x\"\noidc-issuer = \"\"\n", "policy.toml:3:1: identity.oidc-issuer is empty")]
    public void A_bad_value_from_the_file_is_named_by_its_file_line_and_column_not_by_an_option(string keys, string expected)
    {
        using var directory = new TempDirectory("policy");
        var identity = VerificationPolicyFile.Read(directory.Write("policy.toml", "[identity]\n" + keys), new DictionaryEnvironment(), new SecretRedactor()).Identity!;

        var error = Assert.Throws<SlipwayException>(() => identity.Over(None).ToPolicy());

        Assert.Equal(ErrorCode.IdentityPolicyInvalid, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("--certificate-identity", error.Message.Split(';')[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_value_given_as_an_option_over_the_file_is_named_by_the_option()
    {
        using var directory = new TempDirectory("policy");
        var file = VerificationPolicyFile.Read(directory.Write("policy.toml", Table), new DictionaryEnvironment(), new SecretRedactor()).Identity!;

        var error = Assert.Throws<SlipwayException>(() => file.Over(None with { IdentityRegexp = "^https://github.com/o/r/" }).ToPolicy());

        Assert.Equal(ErrorCode.IdentityPolicyInvalid, error.Code);
        Assert.StartsWith("--certificate-identity-regexp has an unescaped '.'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("policy.toml", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[identity]\ncertificate-identity = \"x\"\n", ErrorCode.ConfigUnknownKey, "certificate-identity")]
    [InlineData("[identity]\n", ErrorCode.ProvenancePolicyInvalid, "its [identity] table requires nothing")]
    [InlineData("[identity]\nallow-any-identity = \"yes\"\n", ErrorCode.ConfigWrongType, "allow-any-identity")]
    public void An_identity_table_that_is_not_one_is_refused_with_its_code(string text, ErrorCode code, string message)
    {
        using var directory = new TempDirectory("policy");
        var path = directory.Write("policy.toml", text);

        var error = Assert.Throws<SlipwayException>(() => VerificationPolicyFile.Read(path, new DictionaryEnvironment(), new SecretRedactor()));

        Assert.Equal(code, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
