using System.Text.Json;
using Slipway.Diagnostics;
using Slipway.Tests.Infra.GitHub;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>
/// A whole release through the GitHub forge with a changelog: draft, assets, publish, then finalize-changelog pushes
/// slipway/post-release-1.2.3 and opens its pull request into the release branch — once, even when the answer to
/// opening it is lost and the run is resumed.
/// </summary>
public sealed class PostReleasePullRequestTests : IDisposable
{
    private const string Branch = "slipway/post-release-1.2.3";

    private readonly ReleaseProject _project = new(ReleaseProject.DefaultGates + "\n[changelog]\ndirectory = \"changelog.d\"\nfilename = \"CHANGELOG.md\"\n");
    private readonly LocalGitHub _github = new();

    public PostReleasePullRequestTests()
    {
        _project.Repository.Commit("fragments", ("changelog.d/12.feature.md", "Promote images by digest.\n"));
        _project.Repository.Git("push", "-q", "origin", "main");
        _project.Environment["GITHUB_TOKEN"] = _github.Token;
        // GitHub refuses a pull request from a branch it does not have: the branch must be pushed first.
        _github.HeadExists = branch => _project.Remote.TryGit("rev-parse", "-q", "--verify", $"refs/heads/{branch}").ExitCode == 0;
    }

    public void Dispose()
    {
        var violations = _github.Violations;
        _github.Dispose();
        _project.Dispose();
        Assert.Empty(violations);
    }

    private void UseGitHub(string extra = "") => GitHubForgeSetup.Apply(_project.Repository, _github, extra);

    private static JsonElement Finalized(JsonElement status) =>
        status.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "finalize-changelog").GetProperty("outputs");

    [Fact]
    public async Task A_release_through_the_github_forge_ends_with_the_post_release_pull_request_open()
    {
        UseGitHub();

        var release = await _project.RunAsync("release", "--yes", "--as", "maintainer1");

        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        var published = Assert.Single(_github.Releases);
        Assert.False((bool)published["draft"]!);
        var pull = Assert.Single(_github.Pulls);
        Assert.Equal(("open", Branch, "main"), ((string)pull["state"]!, (string)pull["head"]!["ref"]!, (string)pull["base"]!["ref"]!));
        Assert.Equal("chore: release notes for 1.2.3", (string)pull["title"]!);
        var body = (string)pull["body"]!;
        Assert.Contains("v1.2.3", body, StringComparison.Ordinal);
        Assert.Contains((string)published["html_url"]!, body, StringComparison.Ordinal);
        Assert.Contains("`CHANGELOG.md`", body, StringComparison.Ordinal);
        Assert.Contains("Promote images by digest.", _project.Remote.Git("show", $"{Branch}:CHANGELOG.md"), StringComparison.Ordinal);
        var writes = _github.Requests.Where(r => !r.StartsWith("GET ", StringComparison.Ordinal)).ToList();
        Assert.True(writes.FindIndex(w => w.StartsWith("PATCH /repos/acme/demo/releases/", StringComparison.Ordinal)) < writes.IndexOf("POST /repos/acme/demo/pulls"), string.Join('\n', writes));
        var outputs = Finalized(await _project.StatusAsync());
        Assert.Equal((long)pull["number"]!, outputs.GetProperty("pullRequest").GetInt64());
        Assert.Equal((string)pull["html_url"]!, outputs.GetProperty("pullRequestUrl").GetString());
        Assert.Contains($"opened pull request #{(long)pull["number"]!}", release.Out + release.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lost_answer_to_opening_the_pull_request_is_resumed_into_the_same_pull_request_not_a_second()
    {
        UseGitHub();
        _github.Inject("POST", "^/repos/acme/demo/pulls$", GitHubFault.LoseResponse);

        var failed = await _project.RunAsync("release", "--yes", "--as", "maintainer1");

        Assert.True(failed.ExitCode == ExitCodes.Failed, failed.ToString());
        Assert.Single(_github.Pulls);
        var run = await _project.LatestRunIdAsync();

        var resumed = await _project.RunAsync("resume", run, "--yes", "--as", "maintainer1");

        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        var pull = Assert.Single(_github.Pulls);
        Assert.Single(_github.Requests, r => r == "POST /repos/acme/demo/pulls");
        Assert.Equal((long)pull["number"]!, Finalized(await _project.StatusAsync(run)).GetProperty("pullRequest").GetInt64());
        Assert.Contains($"updated pull request #{(long)pull["number"]!}", resumed.Out + resumed.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_post_release_pull_request_is_opened_with_pr_token_and_its_configured_title()
    {
        const string AppToken = "ghs_app_installation_token";
        _github.AcceptToken(AppToken);
        _project.Environment["RELEASE_APP_TOKEN"] = AppToken;
        UseGitHub("\npr-token = \"env:RELEASE_APP_TOKEN\"\npost-release-pr-title = \"docs: notes of {version}\"");

        var release = await _project.RunAsync("release", "--yes", "--as", "maintainer1");

        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        Assert.Equal("docs: notes of 1.2.3", (string)Assert.Single(_github.Pulls)["title"]!);
        var seen = _github.Requests.Zip(_github.RequestTokens).ToList();
        Assert.Equal(AppToken, seen.Single(s => s.First == "POST /repos/acme/demo/pulls").Second);
        Assert.All(seen.Where(s => s.First.Contains("/releases", StringComparison.Ordinal)), s => Assert.Equal(_github.Token, s.Second));
        Assert.DoesNotContain(AppToken, release.Out + release.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_pr_token_stops_the_release_before_anything_changes()
    {
        UseGitHub("\npr-token = \"env:RELEASE_APP_TOKEN\"");

        var release = await _project.RunAsync("release", "--yes", "--as", "maintainer1");

        Assert.True(release.ExitCode == ExitCodes.InvalidInput, release.ToString());
        Assert.Contains("SLW7002", release.Err, StringComparison.Ordinal);
        Assert.Contains("pr-token reads environment variable RELEASE_APP_TOKEN", release.Err, StringComparison.Ordinal);
        Assert.Empty(_github.Releases);
        Assert.Empty(_github.Pulls);
        Assert.Null(_project.RemoteTag("v1.2.3"));
    }
}
