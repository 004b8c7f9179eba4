using Slipway.Diagnostics;
using Slipway.IntegrationTests.Pipeline;
using Slipway.Tests.Infra.GitHub;

namespace Slipway.IntegrationTests.Forges;

/// <summary>
/// The GitHub forge's token is checked in preflight, before the first change: a token GitHub refuses, a classic token
/// without the repo scope, or a user without push is one coded line, exit 2, and nothing is written anywhere.
/// </summary>
public sealed class GitHubTokenCheckTests : IDisposable
{
    private readonly ReleaseProject _project = new();
    private readonly LocalGitHub _github = new();

    public GitHubTokenCheckTests()
    {
        GitHubForgeSetup.Apply(_project.Repository, _github);
        _project.Environment["GITHUB_TOKEN"] = _github.Token;
    }

    public void Dispose()
    {
        var violations = _github.Violations;
        _github.Dispose();
        _project.Dispose();
        Assert.Empty(violations);
    }

    public static TheoryData<string?, bool?, bool, string, string> Refused => new()
    {
        { "read:org, gist", null, false, "SLW7033", "do not include repo or public_repo" },
        { "public_repo", true, true, "SLW7033", "do not include repo," },
        { null, false, false, "SLW7033", "no push permission" },
        { "repo", false, false, "SLW7033", "no push permission" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_token_without_write_access_stops_the_release_in_preflight_and_changes_nothing(string? scopes, bool? push, bool isPrivate, string code, string message)
    {
        _github.OAuthScopes = scopes;
        _github.Push = push;
        _github.PrivateRepository = isPrivate;

        var result = await _project.RunAsync("release", "--yes", "--as", "maintainer1");

        AssertRefused(result, code, message);
    }

    [Fact]
    public async Task A_token_github_refuses_stops_the_release_in_preflight_and_changes_nothing()
    {
        _project.Environment["GITHUB_TOKEN"] = "ghp_not_the_token";

        var result = await _project.RunAsync("release", "--yes", "--as", "maintainer1");

        AssertRefused(result, "SLW7032", "returned 401");
        Assert.DoesNotContain("ghp_not_the_token", result.Out + result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("repo", true)]
    [InlineData("public_repo", null)]
    [InlineData(null, null)]
    public async Task A_token_with_write_access_or_one_github_says_nothing_about_passes_preflight(string? scopes, bool? push)
    {
        _github.OAuthScopes = scopes;
        _github.Push = push;

        var result = await _project.RunAsync("release");

        Assert.True(result.ExitCode == ExitCodes.AwaitingApproval, result.ToString());
        Assert.Contains("GET /repos/acme/demo", _github.Requests);
    }

    [Fact]
    public async Task A_release_yml_that_is_not_yaml_stops_the_release_in_preflight_with_its_line_before_github_is_asked()
    {
        _project.Repository.Commit("Categories", (".github/release.yml", "changelog:\n  categories:\n    - title: Fixes\n      labels: [bug\n"));
        _project.Repository.Git("push", "-q", "origin", "main");

        var result = await _project.RunAsync("release", "--yes", "--as", "maintainer1");

        AssertRefused(result, "SLW7101", ".github/release.yml:5:");
        Assert.Empty(_github.Requests);
    }

    private void AssertRefused(Slipway.Tests.Infra.CliResult result, string code, string message)
    {
        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        var line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains(" SLW", StringComparison.Ordinal));
        Assert.Contains($" {code}: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.Contains("preflight", result.Out + result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Out.Split('\n'), l => l.StartsWith("start", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" build", StringComparison.Ordinal));
        Assert.Empty(_github.Releases);
        Assert.All(_github.Requests, r => Assert.StartsWith("GET ", r, StringComparison.Ordinal));
        Assert.Null(_project.RemoteTag("v1.2.3"));
    }
}
