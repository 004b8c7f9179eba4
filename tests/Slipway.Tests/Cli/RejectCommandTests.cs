using Slipway.Tests.Infra;

namespace Slipway.Tests.Cli;

/// <summary><c>slipway reject</c> needs to know who rejects, and says so where a user looks: its help and the README.</summary>
public sealed class RejectCommandTests
{
    [Fact]
    public async Task Reject_help_says_it_needs_as_or_SLIPWAY_APPROVER_and_has_no_other_default()
    {
        using var directory = new TempDirectory("reject-help");

        var result = await CliRunner.RunAsync(directory.Path, "reject", "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        var help = string.Join(' ', result.Out.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Who rejects comes from --as NAME, else SLIPWAY_APPROVER, and must be an approver; with neither, reject is refused (SLW8009)", help, StringComparison.Ordinal);
        Assert.Contains("required unless SLIPWAY_APPROVER is set (there is no other default)", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reject_without_as_or_SLIPWAY_APPROVER_is_refused_before_anything_is_opened()
    {
        using var directory = new TempDirectory("reject-nobody");

        var result = await CliRunner.RunAsync(directory.Path, "reject", "run-0123abcd");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("error SLW8009:", result.Err, StringComparison.Ordinal);
        Assert.Empty(directory.Snapshot());
    }

    [Fact]
    public void Readme_documents_that_reject_needs_as_or_SLIPWAY_APPROVER()
    {
        var row = File.ReadLines(Path.Combine(RepositoryRoot.Path, "README.md")).Single(l => l.StartsWith("| `slipway reject ", StringComparison.Ordinal));

        Assert.StartsWith("| `slipway reject RUN --as NAME ", row, StringComparison.Ordinal);
        Assert.Contains("`SLIPWAY_APPROVER` (there is no other default", row, StringComparison.Ordinal);
    }
}
