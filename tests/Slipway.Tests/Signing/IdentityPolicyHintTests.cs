using Slipway.Diagnostics;
using Slipway.Signing.Provenance;
using Slipway.Signing.Sigstore;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Signing;

/// <summary>The "matches any identity" refusal's hint names what the user wrote: the policy file's keys, or the options.</summary>
public sealed class IdentityPolicyHintTests
{
    private static readonly IdentityPolicyValues None = new(null, null, null, null, null, null, false);

    [Fact]
    public void A_match_anything_regexp_from_the_policy_file_is_hinted_with_the_files_keys()
    {
        var error = Refused(File("identity-regexp = '.*'\noidc-issuer = \"https://x\"\n").Over(None));

        Assert.Contains("policy.toml:2:1: identity.identity-regexp '.*' matches any identity", error.Message, StringComparison.Ordinal);
        Assert.Contains("github-workflow-repository = \"OWNER/REPO\"", error.Hint, StringComparison.Ordinal);
        Assert.Contains("allow-any-identity = true", error.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain("--", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_match_anything_regexp_given_as_an_option_is_hinted_with_the_options_even_over_a_file()
    {
        var file = File("oidc-issuer = \"https://x\"\nidentity-regexp = '^https://github\\.com/o/r/'\n");

        var error = Refused(file.Over(None with { IdentityRegexp = ".*" }));

        Assert.StartsWith("--certificate-identity-regexp '.*' matches any identity", error.Message, StringComparison.Ordinal);
        Assert.Contains("add --certificate-github-workflow-repository, or pass --allow-any-identity", error.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain("= true", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--certificate-github-workflow-repository", "github-workflow-repository")]
    [InlineData("--allow-any-identity", "allow-any-identity")]
    [InlineData("--certificate-identity-regexp", "identity-regexp")]
    public void A_file_key_is_the_option_without_its_dashes_and_certificate_prefix(string option, string key) =>
        Assert.Equal(key, IdentityPolicy.FileKey(option));

    private static IdentityPolicyValues File(string keys)
    {
        using var directory = new TempDirectory("policy");
        return VerificationPolicyFile.Read(directory.Write("policy.toml", "[identity]\n" + keys), new DictionaryEnvironment(), new SecretRedactor()).Identity!;
    }

    private static SlipwayException Refused(IdentityPolicyValues values)
    {
        var error = Assert.Throws<SlipwayException>(values.ToPolicy);
        Assert.Equal(ErrorCode.IdentityPolicyInvalid, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.NotNull(error.Hint);
        return error;
    }
}
