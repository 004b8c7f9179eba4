using System.Text.RegularExpressions;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Cli;

/// <summary>
/// Every command the README's command reference shows exists, and every option its row writes is one that command's
/// <c>--help</c> lists: the table and the tool cannot drift apart.
/// </summary>
public sealed partial class ReadmeCommandTableTests
{
    public static TheoryData<string> Rows()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadLines(Path.Combine(RepositoryRoot.Path, "README.md")).Where(l => l.StartsWith("| `slipway ", StringComparison.Ordinal)))
        {
            data.Add(line.Split('`')[1]);
        }

        return data;
    }

    [Fact]
    public void The_command_reference_lists_the_commands()
    {
        Assert.True(Rows().Count >= 25, $"only {Rows().Count} rows found");
    }

    [Theory]
    [InlineData("slipway status [RUN] [--no-such-option]")]
    [InlineData("slipway no-such-command [--json]")]
    public async Task A_row_the_tool_does_not_match_fails_the_check(string synopsis) =>
        await Assert.ThrowsAnyAsync<Exception>(() => A_row_names_a_command_whose_help_lists_every_option_it_shows(synopsis));

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_row_names_a_command_whose_help_lists_every_option_it_shows(string synopsis)
    {
        var words = synopsis.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).TakeWhile(w => CommandWord().IsMatch(w)).ToList();
        using var directory = new TempDirectory("readme-help");

        var help = await CliRunner.RunAsync(directory.Path, [.. words, "--help"]);

        Assert.True(help.ExitCode == 0, $"slipway {string.Join(' ', words)} --help: {help}");
        Assert.Contains("Usage:", help.Out, StringComparison.Ordinal);
        foreach (Match option in Option().Matches(synopsis))
        {
            Assert.True(
                Regex.IsMatch(help.Out, $@"(^|[\s,]){Regex.Escape(option.Value)}([\s,<=]|$)", RegexOptions.Multiline),
                $"the README shows {option.Value} for 'slipway {string.Join(' ', words)}', which its --help does not list:\n{help.Out}");
        }
    }

    [GeneratedRegex("^[a-z][a-z-]*$")]
    private static partial Regex CommandWord();

    [GeneratedRegex("--[a-z][a-z-]*")]
    private static partial Regex Option();
}
