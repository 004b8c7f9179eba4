using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Pipeline;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Pipeline;

public sealed class ApproverPolicyTests : IDisposable
{
    private readonly TempDirectory _directory = new("approvers");

    public void Dispose() => _directory.Dispose();

    private SlipwayConfig Config(string approval)
    {
        var path = _directory.Write("slipway.toml", $"""
            [project]
            name = "demo"
            version = {"{"} file = "VERSION", pattern = '^(?<version>\S+)$' {"}"}

            [approval]
            {approval}
            """);
        return ConfigLoader.Load(path, _directory.Path, new DictionaryEnvironment(), new SecretRedactor());
    }

    [Fact]
    public void Reads_the_owners_a_codeowners_file_names()
    {
        Assert.Equal(
            ["alice", "acme/release-team", "bob"],
            ApproverPolicy.ReadOwners(["# owners", "*  @alice @acme/release-team  # leads", "/docs/ @bob ops@example.com", "", "/x"]));
    }

    [Fact]
    public void Approvers_come_from_codeowners_when_configured()
    {
        _directory.Write(".github/CODEOWNERS", "* @Alice\n");
        var policy = ApproverPolicy.For(Config("codeowners = true"));

        Assert.True(policy.MayApprove("alice"));
        Assert.False(policy.MayApprove("mallory"));
        var error = Assert.Throws<SlipwayException>(() => policy.EnsureMayApprove("mallory"));
        Assert.Equal(ErrorCode.NotAnApprover, error.Code);
        Assert.Contains(".github/CODEOWNERS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_codeowners_file_is_an_input_error()
    {
        var error = Assert.Throws<SlipwayException>(() => ApproverPolicy.For(Config("codeowners = \"OWNERS\"")));

        Assert.Equal(ErrorCode.CodeownersMissing, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
    }
}
