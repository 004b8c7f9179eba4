using System.CommandLine;
using Slipway.Changelog;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway changelog draft</c>: prints the release the pending fragments make, exactly, and writes nothing.</summary>
internal static class ChangelogDraftCommand
{
    public static Command Create(CliHost host)
    {
        var version = ChangelogCommand.VersionOption();
        var date = ChangelogCommand.DateOption();
        var name = ChangelogCommand.NameOption();
        var command = new Command("draft", "Print the release the pending fragments make; write nothing.") { version, date, name };
        command.SetAction(parse =>
        {
            using var pause = GarbageCollectionPause.Start();
            var project = ChangelogCommand.Locate(host, parse);
            var data = ReleaseVersion.Resolve(project, parse.GetValue(version), parse.GetValue(date), parse.GetValue(name), host.Time);
            host.Out.Write(ChangelogBuilder.Draft(project, data).Draft);
            return 0;
        });
        return command;
    }
}
