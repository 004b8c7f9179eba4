using Slipway.Diagnostics;
using Slipway.Tests.Infra.GitHub;
using Slipway.Tests.Infra.NuGet;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>
/// A release on the GitHub forge that fails after publish-packages made it public: the run is not rolled back, and a
/// tracking issue with the exact resume command is opened once, then commented on by the next failure.
/// </summary>
public sealed class TrackingIssueTests : IDisposable
{
    private readonly ReleaseProject _project = new();
    private readonly LocalGitHub _github = new();

    public TrackingIssueTests()
    {
        NuGetPackages.Write(Path.Combine(_project.Repository.Path, "pkg", "Acme.Demo.1.2.3.nupkg"), "Acme.Demo", "1.2.3");
        GitHubForgeSetup.Apply(
            _project.Repository,
            _github,
            tables: $"\n[[package]]\nkind = \"nuget\"\nfiles = [\"out/nuget/*.nupkg\"]\nregistry = \"{Path.Combine(_project.Repository.Path, ".slipway", "feed")}\"\n",
            edit: text =>
            {
                var edited = text.Replace(
                    "command = \"mkdir -p out && echo built > out/app.txt\"\nartifacts = [\"out/app.txt\"]",
                    "command = \"mkdir -p out/nuget && echo built > out/app.txt && cp pkg/*.nupkg out/nuget/\"\nartifacts = [\"out/app.txt\", \"out/nuget\"]",
                    StringComparison.Ordinal);
                Assert.Contains("out/nuget", edited, StringComparison.Ordinal);
                return edited;
            });
        _project.Environment["GITHUB_TOKEN"] = _github.Token;
    }

    public void Dispose()
    {
        var violations = _github.Violations;
        _github.Dispose();
        _project.Dispose();
        Assert.Empty(violations);
    }

    [Fact]
    public async Task A_failed_publish_after_the_packages_opens_one_tracking_issue_with_the_resume_command()
    {
        _github.Inject("PATCH", @"^/repos/acme/demo/releases/\d+$", GitHubFault.Unprocessable);

        var failed = await _project.RunAsync("release", "--yes", "--as", "maintainer1");

        Assert.True(failed.ExitCode == ExitCodes.Failed, failed.ToString());
        var output = failed.Err + failed.Out;
        Assert.Contains("SLW7004", output, StringComparison.Ordinal);
        Assert.Contains("made the release public, so nothing was rolled back", output, StringComparison.Ordinal);
        var run = await _project.LatestRunIdAsync();
        var issue = Assert.Single(_github.Issues);
        Assert.Equal("Release 1.2.3 did not finish", (string)issue["title"]!);
        var body = (string)issue["body"]!;
        Assert.Contains($"```sh\nslipway resume {run}\n```", body, StringComparison.Ordinal);
        Assert.Contains("`create-release` failed", body, StringComparison.Ordinal);
        Assert.DoesNotContain(_github.Token, body, StringComparison.Ordinal);
        Assert.Contains("tracking issue #1", output, StringComparison.Ordinal);

        _github.Inject("PATCH", @"^/repos/acme/demo/releases/\d+$", GitHubFault.Unprocessable);
        var again = await _project.RunAsync("resume", run, "--yes", "--as", "maintainer1");

        Assert.True(again.ExitCode == ExitCodes.Failed, again.ToString());
        Assert.Single(_github.Issues);
        Assert.Contains($"slipway resume {run}", Assert.Single(_github.Comments(1)), StringComparison.Ordinal);

        var resumed = await _project.RunAsync("resume", run, "--yes", "--as", "maintainer1");

        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        Assert.False((bool)Assert.Single(_github.Releases)["draft"]!);
    }

    [Fact]
    public async Task A_tracking_issue_that_cannot_be_opened_is_a_warning_and_the_run_keeps_its_own_error()
    {
        _github.Inject("PATCH", @"^/repos/acme/demo/releases/\d+$", GitHubFault.Unprocessable);
        _github.Inject("POST", "^/repos/acme/demo/issues$", GitHubFault.ServerError);

        var failed = await _project.RunAsync("release", "--yes", "--as", "maintainer1");

        Assert.True(failed.ExitCode == ExitCodes.Failed, failed.ToString());
        var output = failed.Err + failed.Out;
        Assert.Contains("warning: the tracking issue of release 1.2.3 could not be opened", output, StringComparison.Ordinal);
        Assert.Contains("SLW7004", output, StringComparison.Ordinal);
        Assert.Contains("Validation Failed", output, StringComparison.Ordinal);
        Assert.Contains($"slipway resume {await _project.LatestRunIdAsync()}", output, StringComparison.Ordinal);
        Assert.Empty(_github.Issues);
    }
}
