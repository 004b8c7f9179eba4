using Slipway.Diagnostics;
using Slipway.IntegrationTests.State;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>
/// One run driven from two machines through a shared PostgreSQL journal: one clone starts the release and pauses, a
/// fresh clone elsewhere approves it and finishes it from what the journal holds.
/// </summary>
public sealed class SharedJournalTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_run_started_on_one_machine_is_approved_and_finished_on_another()
    {
        var database = await server.CreateDatabaseAsync();
        using var project = new ReleaseProject(state: $"[state]\nstore = \"postgres:{database}\"\n\n");

        var paused = await project.RunAsync("release");
        Assert.True(paused.ExitCode == ExitCodes.AwaitingApproval, paused.ToString());
        var run = paused.Out[(paused.Out.IndexOf("slipway approve ", StringComparison.Ordinal) + "slipway approve ".Length)..].Trim();

        using var elsewhere = new TempDirectory("clone");
        ProcessRunner.Run("git", ["clone", "-q", project.Remote.Path, elsewhere.Path]).EnsureSuccess("git clone");
        var approved = await CliRunner.RunAsync(elsewhere.Path, "approve", run, "--as", "maintainer2");

        Assert.True(approved.ExitCode == ExitCodes.Success, approved.ToString());
        Assert.Equal(project.BuiltCommit, project.RemoteTag("v1.2.3"));
        Assert.False(File.Exists(project.StateFile));
        var status = await CliRunner.RunAsync(project.Repository.Path, "status", run);
        Assert.Contains($"run {run}: demo 1.2.3", status.Out, StringComparison.Ordinal);
        Assert.Contains("succeeded", status.Out, StringComparison.Ordinal);
        Assert.Contains("approved by maintainer2", status.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_runner_killed_mid_step_in_one_clone_is_taken_over_from_another_clone_after_its_lease_and_the_run_completes()
    {
        var database = await server.CreateDatabaseAsync();
        using var project = new ReleaseProject(state: $"[state]\nstore = \"postgres:{database}\"\nlease = \"2s\"\n\n");
        using var elsewhere = new TempDirectory("clone");
        ProcessRunner.Run("git", ["clone", "-q", project.Remote.Path, elsewhere.Path]).EnsureSuccess("git clone");
        var created = await project.RunAsync("release", "--create-only", "--json");
        Assert.True(created.ExitCode == ExitCodes.Success, created.ToString());
        var run = System.Text.Json.JsonDocument.Parse(created.Out).RootElement.GetProperty("id").GetString()!;
        foreach (var step in new[] { "detect-version", "preflight" })
        {
            var done = await CliRunner.RunAsync(elsewhere.Path, "step", step, "--run", run);
            Assert.True(done.ExitCode == ExitCodes.Success, done.ToString());
        }

        var killed = project.StartProcess(new Dictionary<string, string?> { ["SLIPWAY_TEST_CRASH_AFTER"] = "gates:unrecorded" }, "step", "gates", "--run", run);
        Assert.True(killed.ExitCode == ReleaseProject.KilledBySigkill, killed.ToString());
        var held = await CliRunner.RunAsync(elsewhere.Path, "step", "gates", "--run", run);
        Assert.True(held.ExitCode == ExitCodes.NotReady, held.ToString());
        Assert.Contains("another runner holds it", held.Err, StringComparison.Ordinal);

        await Task.Delay(ReleaseProject.Lease + TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        var taken = await CliRunner.RunAsync(elsewhere.Path, "step", "gates", "--run", run);
        var finished = await CliRunner.RunAsync(elsewhere.Path, "release", "--yes", "--as", "maintainer2");

        Assert.True(taken.ExitCode == ExitCodes.Success, taken.ToString());
        Assert.True(finished.ExitCode == ExitCodes.Success, finished.ToString());
        Assert.Equal(project.BuiltCommit, project.RemoteTag("v1.2.3"));
        var status = System.Text.Json.JsonDocument.Parse((await CliRunner.RunAsync(project.Repository.Path, "status", run, "--json")).Out).RootElement;
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        Assert.Equal(2, status.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "gates").GetProperty("attempt").GetInt32());
    }
}
