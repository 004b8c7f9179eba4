using System.Text.Json;
using Slipway.Diagnostics;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>Whole releases over a real repository and a bare git remote, through the slipway command.</summary>
public sealed class ReleaseCommandTests : IDisposable
{
    private readonly ReleaseProject _project = new();

    public void Dispose() => _project.Dispose();

    private static string RunIdFrom(string output)
    {
        var at = output.IndexOf("slipway approve run-", StringComparison.Ordinal);
        Assert.True(at >= 0, output);
        return output[(at + "slipway approve ".Length)..].Split('\n')[0].Trim();
    }

    [Fact]
    public async Task A_release_pauses_for_approval_then_tags_the_built_commit_on_the_remote()
    {
        var paused = await _project.RunAsync("release");

        Assert.True(paused.ExitCode == ExitCodes.AwaitingApproval, paused.ToString());
        var run = RunIdFrom(paused.Out);
        Assert.Null(_project.RemoteTag("v1.2.3"));
        Assert.Contains("unit tests pass", File.ReadAllText(Path.Combine(_project.Repository.Path, ".slipway", "runs", run, "gates", "unit.log")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_project.Repository.Path, "out", "app.txt")));

        // HEAD moves while the release waits: the tag must still name what was built and checked.
        _project.Repository.Commit("work after the release started", ("later.txt", "later\n"));
        var approved = await _project.RunAsync("approve", run, "--as", "maintainer2");

        Assert.True(approved.ExitCode == ExitCodes.Success, approved.ToString());
        Assert.Equal(_project.BuiltCommit, _project.RemoteTag("v1.2.3"));
        Assert.Equal("tag", _project.Remote.Git("cat-file", "-t", "v1.2.3"));
        Assert.Equal("demo 1.2.3", _project.Remote.Git("tag", "-l", "--format=%(contents:subject)", "v1.2.3"));

        var status = await _project.StatusAsync(run);
        Assert.Equal(run, status.GetProperty("id").GetString());
        Assert.Equal("1.2.3", status.GetProperty("version").GetString());
        Assert.Equal(_project.BuiltCommit, status.GetProperty("commit").GetString());
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Array, status.GetProperty("images").ValueKind);
        var steps = status.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        var ran = steps.Where(s => s.Value.GetProperty("status").GetString() != "skipped").ToDictionary();
        Assert.Equal(
            ["detect-version", "preflight", "gates", "build", "compose-notes", "approval", "create-release"],
            ran.Keys);

        // create-release published the body compose-notes journaled before the approval, not one composed again.
        var body = steps["compose-notes"].GetProperty("outputs").GetProperty("body").GetString()!;
        Assert.StartsWith("demo 1.2.3\n\n## Pull requests\n", body, StringComparison.Ordinal);
        Assert.Equal(body.TrimEnd(), _project.Remote.Git("tag", "-l", "--format=%(contents)", "v1.2.3").TrimEnd());
        Assert.All(ran.Values, s => Assert.Equal("succeeded", s.GetProperty("status").GetString()));

        // The image steps are in every graph; without [[image]] they are skipped, saying why.
        Assert.Equal("no [[image]] in the configuration", steps["push-prerelease"].GetProperty("reason").GetString());
        Assert.Equal("maintainer2", steps["approval"].GetProperty("outputs").GetProperty("approvedBy").GetString());
        Assert.Equal("v1.2.3", steps["create-release"].GetProperty("outputs").GetProperty("tag").GetString());
        Assert.Contains(
            status.GetProperty("events").EnumerateArray(),
            e => e.GetProperty("kind").GetString() == "approved" && e.GetProperty("actor").GetString() == "maintainer2");
    }

    [Fact]
    public async Task Release_yes_approves_in_process_for_the_approver_from_the_environment()
    {
        _project.Environment["SLIPWAY_APPROVER"] = "maintainer1";

        var result = await _project.RunAsync("release", "--yes");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(_project.BuiltCommit, _project.RemoteTag("v1.2.3"));
        Assert.Contains("succeeded", result.Out, StringComparison.Ordinal);
        var again = await _project.RunAsync("release", "--yes");
        Assert.Equal(ExitCodes.Success, again.ExitCode);
        Assert.Contains("nothing to release", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_yes_for_someone_who_may_not_approve_fails_before_anything_runs()
    {
        var result = await _project.RunAsync("release", "--yes", "--as", "mallory");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("SLW8007", result.Err, StringComparison.Ordinal);
        Assert.Empty(_project.RemoteTags());
        Assert.False(Directory.Exists(Path.Combine(_project.Repository.Path, ".slipway", "runs")));
        Assert.False(Directory.Exists(Path.Combine(_project.Repository.Path, "out")));
    }

    [Fact]
    public async Task Release_yes_without_an_approver_is_a_usage_error()
    {
        var result = await _project.RunAsync("release", "--yes");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("SLW8009", result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(_project.StateFile));
    }

    [Fact]
    public async Task Approval_by_someone_who_is_not_an_approver_is_refused_and_recorded_nowhere()
    {
        var run = RunIdFrom((await _project.RunAsync("release")).Out);

        var result = await _project.RunAsync("approve", run, "--as", "mallory");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("SLW8007", result.Err, StringComparison.Ordinal);
        var status = await _project.StatusAsync(run);
        Assert.Equal("awaiting-approval", status.GetProperty("status").GetString());
        Assert.DoesNotContain(status.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "approved");
        Assert.Empty(_project.RemoteTags());
    }

    [Fact]
    public async Task Approving_an_unknown_run_or_one_not_awaiting_approval_is_refused()
    {
        var unknown = await _project.RunAsync("approve", "run-deadbeef", "--as", "maintainer1");
        Assert.Equal(ExitCodes.InvalidInput, unknown.ExitCode);
        Assert.Contains("SLW8004", unknown.Err, StringComparison.Ordinal);

        _project.Environment["SLIPWAY_APPROVER"] = "maintainer1";
        await _project.RunAsync("release", "--yes");
        var run = await _project.LatestRunIdAsync();
        var again = await _project.RunAsync("approve", run);
        Assert.Equal(ExitCodes.InvalidInput, again.ExitCode);
        Assert.Contains("SLW8008", again.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_release_is_rolled_back_and_records_who_and_why()
    {
        var run = RunIdFrom((await _project.RunAsync("release")).Out);

        var result = await _project.RunAsync("reject", run, "--as", "maintainer1", "--reason", "changelog is wrong");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Empty(_project.RemoteTags());
        var status = await _project.StatusAsync(run);
        Assert.Equal("rolled-back", status.GetProperty("status").GetString());
        var rejection = status.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "rejected");
        Assert.Equal("maintainer1", rejection.GetProperty("actor").GetString());
        Assert.Equal("changelog is wrong", rejection.GetProperty("detail").GetString());

        var resume = await _project.RunAsync("resume", run);
        Assert.Equal(ExitCodes.InvalidInput, resume.ExitCode);
        Assert.Contains("SLW8005", resume.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_again_continues_the_paused_run_instead_of_starting_another()
    {
        var run = RunIdFrom((await _project.RunAsync("release")).Out);

        var stillWaiting = await _project.RunAsync("release");
        Assert.Equal(ExitCodes.AwaitingApproval, stillWaiting.ExitCode);
        Assert.Equal(run, RunIdFrom(stillWaiting.Out));

        var approved = await _project.RunAsync("release", "--yes", "--as", "maintainer1", "--json");

        Assert.True(approved.ExitCode == ExitCodes.Success, approved.ToString());
        var record = JsonDocument.Parse(approved.Out).RootElement;
        Assert.Equal(run, record.GetProperty("id").GetString());
        Assert.Equal("succeeded", record.GetProperty("status").GetString());
        Assert.Contains("ok          create-release", approved.Err, StringComparison.Ordinal);
        Assert.Equal(_project.BuiltCommit, _project.RemoteTag("v1.2.3"));
    }

    [Fact]
    public async Task The_release_plan_shows_the_graph_with_conditions()
    {
        var result = await _project.RunAsync("plan", "--json");

        Assert.Equal(0, result.ExitCode);
        var steps = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(
            [
                "detect-version", "preflight", "gates", "build", "check-packages", "push-prerelease", "sign", "attest-sbom", "attest-provenance", "compose-notes",
                "scan", "approval", "promote-images", "publish-packages", "create-release", "cleanup-prerelease",
            ],
            steps.Select(s => s.GetProperty("name").GetString()));
        var approval = steps.Single(s => s.GetProperty("name").GetString() == "approval");
        Assert.Equal("[approval] required = true", approval.GetProperty("condition").GetString());
        Assert.Equal(
            ["build", "check-packages", "compose-notes", "push-prerelease", "sign", "attest-sbom", "attest-provenance", "scan"],
            approval.GetProperty("dependsOn").EnumerateArray().Select(d => d.GetString()));
        var promote = steps.Single(s => s.GetProperty("name").GetString() == "promote-images");
        Assert.StartsWith("[[image]] configured (no [[image]]", promote.GetProperty("condition").GetString(), StringComparison.Ordinal);
    }
}
