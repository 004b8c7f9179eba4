using Slipway.Tests.Infra;

namespace Slipway.Tests.Cli;

/// <summary><c>slipway rollback</c> of a run awaiting approval needs an approver, and says so in its help and the README.</summary>
public sealed class RollbackCommandTests
{
    [Fact]
    public async Task Rollback_help_says_a_run_awaiting_approval_needs_as_or_SLIPWAY_APPROVER()
    {
        using var directory = new TempDirectory("rollback-help");

        var result = await CliRunner.RunAsync(directory.Path, "rollback", "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        var help = string.Join(' ', result.Out.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("who rolls back comes from --as NAME, else SLIPWAY_APPROVER, and must be an approver; with neither, rollback is refused (SLW8009) and changes nothing", help, StringComparison.Ordinal);
        Assert.Contains("--as <NAME>", help, StringComparison.Ordinal);
        Assert.Contains("default SLIPWAY_APPROVER (there is no other default)", help, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_documents_that_rollback_of_a_run_awaiting_approval_needs_an_approver()
    {
        var row = File.ReadLines(Path.Combine(RepositoryRoot.Path, "README.md")).Single(l => l.StartsWith("| `slipway rollback ", StringComparison.Ordinal));

        Assert.StartsWith("| `slipway rollback RUN [--as NAME]` ", row, StringComparison.Ordinal);
        Assert.Contains("a run awaiting approval is rolled back only by an approver", row, StringComparison.Ordinal);
        Assert.Contains("`SLIPWAY_APPROVER` (there is no other default", row, StringComparison.Ordinal);
    }
}
