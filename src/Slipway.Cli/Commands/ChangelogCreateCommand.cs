using System.CommandLine;
using Slipway.Changelog;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway changelog create NAME</c>: writes a new fragment, adding a counter rather than overwriting.</summary>
internal static class ChangelogCreateCommand
{
    public static Command Create(CliHost host)
    {
        var name = new Argument<string>("NAME") { Description = "ISSUE.CATEGORY (for example 123.bugfix), or +.CATEGORY for a change without an issue." };
        var content = new Option<string?>("--content") { Description = "The fragment's text.", HelpName = "TEXT" };
        var section = new Option<string?>("--section") { Description = "The section (monorepo component) to file it under.", HelpName = "NAME" };
        var command = new Command("create", "Write a new news fragment.") { name, content, section };
        command.SetAction(parse =>
        {
            var project = ChangelogCommand.Locate(host, parse);
            var path = FragmentCreator.Create(project, parse.GetValue(name)!, parse.GetValue(content), parse.GetValue(section));
            host.Out.WriteLine(Path.GetRelativePath(host.WorkingDirectory, path));
            return 0;
        });
        return command;
    }
}
