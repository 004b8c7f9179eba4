using Slipway.Cli;
using Slipway.Diagnostics;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>On a terminal the run is a live table; the summary and the exit code are the same as in plain output.</summary>
public sealed class LiveViewTests : IDisposable
{
    private readonly ReleaseProject _project = new();

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task A_release_on_a_terminal_shows_every_step_in_a_live_table_and_ends_with_the_summary()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost(output, error, new DictionaryEnvironment(), _project.Repository.Path) { IsTerminal = true };

        var exit = await SlipwayApp.RunAsync(["release", "--yes", "--as", "maintainer1"], host, TestContext.Current.CancellationToken);

        Assert.True(exit == ExitCodes.Success, output + "\n" + error);
        var text = output.ToString();
        Assert.DoesNotContain("start       detect-version", text, StringComparison.Ordinal);
        foreach (var step in new[] { "detect-version", "preflight", "gates", "build", "compose-notes", "approval", "create-release" })
        {
            Assert.Contains(step, text, StringComparison.Ordinal);
        }

        Assert.Contains("released v1.2.3 at", text, StringComparison.Ordinal);
        Assert.Matches(@"run run-[0-9a-f]{8}: demo 1\.2\.3 at [0-9a-f]{7}: succeeded", text);
        Assert.Equal(_project.BuiltCommit, _project.RemoteTag("v1.2.3"));
    }
}
