using Slipway.Cli;
using Slipway.Diagnostics;
using Slipway.Tests.Infra;
using YamlDotNet.RepresentationModel;

namespace Slipway.Tests.Cli;

/// <summary>The repository's <c>.pre-commit-hooks.yaml</c>: each hook runs a slipway command that exists, with options
/// its --help lists.</summary>
public sealed class PreCommitHooksTests
{

    private static List<Dictionary<string, string>> Hooks()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepositoryRoot.Path, ".pre-commit-hooks.yaml")))
        {
            yaml.Load(reader);
        }

        var hooks = Assert.IsType<YamlSequenceNode>(Assert.Single(yaml.Documents).RootNode);
        return [.. hooks.Children.Select(hook => Assert.IsType<YamlMappingNode>(hook).Children.ToDictionary(
            pair => ((YamlScalarNode)pair.Key).Value!,
            pair => Assert.IsType<YamlScalarNode>(pair.Value).Value!,
            StringComparer.Ordinal))];
    }

    [Fact]
    public void Declares_the_changelog_and_version_sync_hooks()
    {
        var hooks = Hooks();

        Assert.Equal(["slipway-changelog-check", "slipway-version-sync"], hooks.Select(h => h["id"]));
        Assert.Equal(["slipway changelog check", "slipway version --check-sync"], hooks.Select(h => h["entry"]));
        Assert.All(hooks, hook =>
        {
            Assert.Equal("system", hook["language"]);
            Assert.Equal("false", hook["pass_filenames"]);
            Assert.False(string.IsNullOrWhiteSpace(hook["name"]));
        });
    }

    [Fact]
    public async Task Each_entry_parses_as_a_slipway_command_whose_help_lists_its_options()
    {
        foreach (var hook in Hooks())
        {
            var words = hook["entry"].Split(' ');
            Assert.Equal("slipway", words[0]);
            var arguments = words[1..];
            using var output = new StringWriter();
            var root = SlipwayApp.BuildRoot(new CliHost(output, output, new DictionaryEnvironment(new Dictionary<string, string>()), Path.GetTempPath()));
            var parse = root.Parse(arguments);
            Assert.Empty(parse.Errors);

            var commands = arguments.TakeWhile(a => !a.StartsWith('-')).ToArray();
            Assert.Equal(commands[^1], parse.CommandResult.Command.Name);
            var help = await CliRunner.RunAsync(Path.GetTempPath(), [.. commands, "--help"]);
            Assert.Equal(0, help.ExitCode);
            Assert.All(arguments.Where(a => a.StartsWith("--", StringComparison.Ordinal)), option => Assert.Contains(option, help.Out, StringComparison.Ordinal));
        }
    }
}
