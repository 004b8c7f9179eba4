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
}
