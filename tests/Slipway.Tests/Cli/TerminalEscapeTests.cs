using System.CommandLine;
using Slipway.Cli;
using Slipway.Diagnostics;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Cli;

/// <summary>Control characters from outside data never reach a terminal raw in human output; JSON output stays exact.</summary>
public sealed class TerminalEscapeTests
{
    // Retitle the window, clear the screen, a C1 CSI, DEL, a lone carriage return that overwrites the line.
    private const string Hostile = "\u001b]0;pwned\u0007\u001b[2J\u009b31m\u007fok\rfake";
    private const string Shown = "\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\x7fok\\x0dfake";

    private static async Task<(int ExitCode, string Out, string Err)> Run(Func<CliHost, Command> command, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost(output, error, new DictionaryEnvironment(), Path.GetTempPath());
        var exitCode = await SlipwayApp.RunAsync(args, host, h =>
        {
            var root = SlipwayApp.BuildRoot(h);
            root.Subcommands.Add(command(h));
            return root;
        });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task An_error_quoting_outside_data_shows_its_control_characters_escaped()
    {
        var command = new Command("fail");
        command.SetAction(new Func<ParseResult, int>(_ => throw SlipwayException.Failure(ErrorCode.RegistryRequestFailed, $"GET /v2/ returned 500: {Hostile}")));

        var (exitCode, _, error) = await Run(_ => command, "fail");

        Assert.Equal(ExitCodes.Failed, exitCode);
        Assert.Equal($"slipway: error SLW4013: GET /v2/ returned 500: {Shown}\n", error);
    }

    [Fact]
    public async Task Human_stdout_is_escaped_and_json_stdout_is_exact()
    {
        Command Emit(CliHost host)
        {
            var command = new Command("emit") { GlobalOptions.Json() };
            command.SetAction(_ =>
            {
                host.Out.Write($"line\twith tab\r\n{Hostile}\n");
                return 0;
            });
            return command;
        }

        var human = await Run(Emit, "emit");
        var exact = await Run(Emit, "emit", "--json");

        Assert.Equal($"line\twith tab\r\n{Shown}\n", human.Out);
        Assert.Equal($"line\twith tab\r\n{Hostile}\n", exact.Out);
    }

    [Fact]
    public async Task A_fragment_with_escape_sequences_is_drafted_escaped_and_normal_text_byte_for_byte()
    {
        using var repository = GitTestRepository.Init();
        repository.Commit(
            "start",
            ("slipway.toml", "[project]\nname = \"demo\"\nversion = { file = \"VERSION\", pattern = '^(?<version>\\S+)$' }\n\n[changelog]\ndirectory = \"changelog.d\"\nfilename = \"CHANGELOG.md\"\n"),
            ("VERSION", "1.4.0\n"),
            ("changelog.d/1.feature.md", "Tabs\tstay.\n"),
            ("changelog.d/2.bugfix.md", "Hidden \u001b]0;pwned\u0007\u001b[2J\u009b31m\u007f text.\n"));

        var result = await CliRunner.RunAsync(repository.Path, "changelog", "draft", "--date", "2026-11-26");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            "# 1.4.0 (2026-11-26)\n\n### Features\n\n- Tabs\tstay. (#1)\n\n### Bugfixes\n\n- Hidden \\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\x7f text. (#2)\n\n\n\n",
            result.Out);
    }
}
