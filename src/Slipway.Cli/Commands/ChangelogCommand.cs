using System.CommandLine;
using Slipway.Changelog;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway changelog</c>: the news-fragment changelog, compatible with towncrier.</summary>
internal static class ChangelogCommand
{
    public static Command Create(CliHost host) =>
        new("changelog", "Render the changelog from news fragments (towncrier-compatible).")
        {
            ChangelogDraftCommand.Create(host),
            ChangelogBuildCommand.Create(host),
            ChangelogCheckCommand.Create(host),
            ChangelogCreateCommand.Create(host),
        };

    /// <summary>
    /// The changelog configuration for this invocation: <c>--config</c> when given (slipway.toml, towncrier.toml or
    /// pyproject.toml), else found from the directory upwards.
    /// </summary>
    public static ChangelogProject Locate(CliHost host, ParseResult parse)
    {
        var context = new CommandContext(host, parse);
        var explicitConfig = parse.GetValue(GlobalOptions.Config);
        return ChangelogProject.Locate(
            context.Directory,
            explicitConfig is null ? null : context.ResolvePath(explicitConfig),
            host.Environment,
            host.Redactor);
    }

    public static Option<string?> VersionOption() =>
        new("--version") { Description = "The version to render (default: the changelog configuration's version, else slipway.toml's version source, else the __version__ of towncrier's package, read without running it).", HelpName = "VERSION" };

    public static Option<string?> DateOption() =>
        new("--date") { Description = "The release date, YYYY-MM-DD (default: today, UTC).", HelpName = "DATE" };

    public static Option<string?> NameOption() =>
        new("--name") { Description = "The project name in the title (default: 'name' from the configuration).", HelpName = "NAME" };
}
