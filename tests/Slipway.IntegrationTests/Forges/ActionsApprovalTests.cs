using System.Text.Json;
using Slipway.Diagnostics;
using Slipway.IntegrationTests.Pipeline;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.GitHub;

namespace Slipway.IntegrationTests.Forges;

/// <summary>
/// A run on the GitHub forge awaiting approval, approved from a GitHub Actions job: the name given with --as is checked
/// against the approval environment's review GitHub recorded for the workflow run (or against GITHUB_ACTOR for
/// Slipway's own approval), and a name GitHub did not record is refused with nothing journaled.
/// </summary>
public sealed class ActionsApprovalTests : IDisposable
{
    private const long WorkflowRun = 4242;

    private readonly ReleaseProject _project = new();
    private readonly LocalGitHub _github = new();

    public ActionsApprovalTests()
    {
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
    public async Task An_environment_approval_is_journaled_with_the_reviewer_state_comment_and_environment()
    {
        var run = await AwaitingApprovalAsync("production");
        _github.AddRunApproval(WorkflowRun, "maintainer1", "approved", "production", "Ship it!\nnow");

        var approved = await InActionsAsync("maintainer2", ["approve", run, "--as", "maintainer1", "--no-continue"]);

        Assert.True(approved.ExitCode == ExitCodes.Success, approved.ToString());
        var approval = Assert.Single(await ApprovalsAsync(run));
        Assert.Equal("maintainer1", approval.GetProperty("actor").GetString());
        Assert.Equal(
            $"GitHub Actions run {WorkflowRun}: environment 'production' approved by maintainer1, comment \"Ship it! now\"",
            approval.GetProperty("detail").GetString());
        Assert.Contains($"GET /repos/acme/demo/actions/runs/{WorkflowRun}/approvals", _github.Requests);
    }

    [Fact]
    public async Task An_approver_the_environment_review_does_not_name_is_refused_and_nothing_is_journaled()
    {
        var run = await AwaitingApprovalAsync("production");
        _github.AddRunApproval(WorkflowRun, "maintainer1", "approved", "production");

        var refused = await InActionsAsync("maintainer2", ["approve", run, "--as", "maintainer2", "--no-continue"]);

        AssertRefused(refused, "SLW7050", "GitHub recorded maintainer1 approving environment 'production'");
        await AssertStillAwaitingAsync(run);
    }

    [Fact]
    public async Task SLIPWAY_APPROVER_is_checked_against_the_review_as_the_as_option_is()
    {
        var run = await AwaitingApprovalAsync("production");
        _github.AddRunApproval(WorkflowRun, "maintainer1", "approved", "production");
        _project.Environment["SLIPWAY_APPROVER"] = "maintainer2";

        var refused = await InActionsAsync("maintainer2", ["approve", run, "--no-continue"]);

        AssertRefused(refused, "SLW7050", "'maintainer2' did not approve");
        await AssertStillAwaitingAsync(run);
    }

    [Fact]
    public async Task A_reviewer_who_is_not_an_approver_of_the_policy_cannot_approve_through_the_environment()
    {
        var run = await AwaitingApprovalAsync("production");
        _github.AddRunApproval(WorkflowRun, "mallory", "approved", "production");

        var asReviewer = await InActionsAsync("mallory", ["approve", run, "--as", "mallory", "--no-continue"]);
        var asApprover = await InActionsAsync("mallory", ["approve", run, "--as", "maintainer1", "--no-continue"]);

        AssertRefused(asReviewer, "SLW8007", "'mallory' may not approve releases");
        AssertRefused(asApprover, "SLW7050", "GitHub recorded mallory approving");
        await AssertStillAwaitingAsync(run);
    }

    [Fact]
    public async Task A_review_of_another_environment_or_another_workflow_run_is_no_approval()
    {
        var run = await AwaitingApprovalAsync("production");
        _github.AddRunApproval(WorkflowRun, "maintainer1", "approved", "staging");
        _github.AddRunApproval(WorkflowRun + 1, "maintainer1", "approved", "production");

        var refused = await InActionsAsync("maintainer1", ["approve", run, "--as", "maintainer1", "--no-continue"]);

        AssertRefused(refused, "SLW7051", $"workflow run {WorkflowRun} has no approved review of environment 'production'");
        await AssertStillAwaitingAsync(run);
    }

    [Fact]
    public async Task A_rejection_after_an_approval_of_the_environment_is_no_approval()
    {
        var run = await AwaitingApprovalAsync("production");
        _github.AddRunApproval(WorkflowRun, "maintainer1", "approved", "production");
        _github.AddRunApproval(WorkflowRun, "maintainer2", "rejected", "production", "wrong build");

        var refused = await InActionsAsync("maintainer1", ["approve", run, "--as", "maintainer1", "--no-continue"]);

        AssertRefused(refused, "SLW7051", "has no approved review of environment 'production'");
        await AssertStillAwaitingAsync(run);
    }

    [Fact]
    public async Task Slipways_own_approval_in_Actions_is_checked_against_GITHUB_ACTOR()
    {
        var run = await AwaitingApprovalAsync(environment: null);

        var refused = await InActionsAsync("maintainer2", ["approve", run, "--as", "maintainer1", "--no-continue"]);
        AssertRefused(refused, "SLW7050", "GITHUB_ACTOR is maintainer2");
        await AssertStillAwaitingAsync(run);

        var approved = await InActionsAsync("maintainer2", ["approve", run, "--as", "maintainer2", "--no-continue"]);

        Assert.True(approved.ExitCode == ExitCodes.Success, approved.ToString());
        var approval = Assert.Single(await ApprovalsAsync(run));
        Assert.Equal("maintainer2", approval.GetProperty("actor").GetString());
        Assert.Equal($"GitHub Actions run {WorkflowRun}: GITHUB_ACTOR is maintainer2", approval.GetProperty("detail").GetString());
        Assert.DoesNotContain(_github.Requests, r => r.Contains("/approvals", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rejection_in_Actions_is_checked_against_GITHUB_ACTOR()
    {
        var run = await AwaitingApprovalAsync(environment: null);

        var refused = await InActionsAsync("maintainer2", ["reject", run, "--as", "maintainer1", "--reason", "not today"]);

        AssertRefused(refused, "SLW7050", "GITHUB_ACTOR is maintainer2");
        await AssertStillAwaitingAsync(run);
    }

    [Fact]
    public async Task Yes_on_behalf_of_someone_the_environment_review_does_not_name_fails_before_the_run_starts()
    {
        WriteConfig("production");
        _github.AddRunApproval(WorkflowRun, "maintainer1", "approved", "production");

        var refused = await InActionsAsync("maintainer2", ["release", "--yes", "--as", "maintainer2"]);

        AssertRefused(refused, "SLW7050", "GitHub recorded maintainer1");
        Assert.Contains("no runs yet", (await _project.RunAsync("status")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yes_on_behalf_of_the_reviewer_journals_the_review_with_the_approval()
    {
        var run = await AwaitingApprovalAsync("production");
        _github.AddRunApproval(WorkflowRun, "Maintainer1", "approved", "production", "lgtm");

        var stepped = await InActionsAsync("maintainer2", ["step", "approval", "--run", run, "--yes", "--as", "maintainer1"]);

        Assert.True(stepped.ExitCode == ExitCodes.Success, stepped.ToString());
        var approval = Assert.Single(await ApprovalsAsync(run));
        Assert.Equal("Maintainer1", approval.GetProperty("actor").GetString());
        Assert.Equal($"--yes; GitHub Actions run {WorkflowRun}: environment 'production' approved by Maintainer1, comment \"lgtm\"", approval.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("GITHUB_RUN_ID", "12; rm -rf /")]
    [InlineData("GITHUB_RUN_ID", "")]
    [InlineData("GITHUB_REPOSITORY", "https://example.com/acme/demo")]
    public async Task An_Actions_job_without_a_usable_run_or_repository_cannot_approve(string variable, string value)
    {
        var run = await AwaitingApprovalAsync("production");
        _github.AddRunApproval(WorkflowRun, "maintainer1", "approved", "production");
        _project.Environment[variable] = value;

        var refused = await InActionsAsync("maintainer1", ["approve", run, "--as", "maintainer1", "--no-continue"], keep: variable);

        AssertRefused(refused, "SLW7052", variable);
        await AssertStillAwaitingAsync(run);
    }

    private static void AssertRefused(CliResult result, string code, string message)
    {
        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        var line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("slipway: error", StringComparison.Ordinal));
        Assert.StartsWith($"slipway: error {code}", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
    }

    private async Task AssertStillAwaitingAsync(string run)
    {
        var status = await _project.StatusAsync(run);
        Assert.Equal("awaiting-approval", status.GetProperty("status").GetString());
        Assert.Empty(await ApprovalsAsync(run));
    }

    private async Task<IReadOnlyList<JsonElement>> ApprovalsAsync(string run) =>
        [.. (await _project.StatusAsync(run)).GetProperty("events").EnumerateArray().Where(e => e.GetProperty("kind").GetString() is "approved" or "rejected")];

    private void WriteConfig(string? environment) =>
        GitHubForgeSetup.Apply(_project.Repository, _github, tables: environment is null ? string.Empty : $"\n[ci.github]\napproval-environment = \"{environment}\"\n");

    private async Task<string> AwaitingApprovalAsync(string? environment)
    {
        WriteConfig(environment);
        var released = await _project.RunAsync("release");
        Assert.True(released.ExitCode == ExitCodes.AwaitingApproval, released.ToString());
        return await _project.LatestRunIdAsync();
    }

    /// <summary>Runs slipway as a job of workflow run <paramref name="runId"/> started by <paramref name="actor"/> (less the variable <paramref name="keep"/>, left as the test set it).</summary>
    private async Task<CliResult> InActionsAsync(string actor, string[] args, long runId = WorkflowRun, string? keep = null)
    {
        var variables = new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_RUN_ID"] = runId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GITHUB_REPOSITORY"] = $"{_github.Owner}/{_github.Name}",
            ["GITHUB_ACTOR"] = actor,
        };
        foreach (var (name, value) in variables)
        {
            if (name != keep)
            {
                _project.Environment[name] = value;
            }
        }

        try
        {
            return await _project.RunAsync(args);
        }
        finally
        {
            foreach (var name in variables.Keys)
            {
                _project.Environment.Remove(name);
            }
        }
    }
}
