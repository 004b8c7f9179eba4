using System.CommandLine;
using Slipway.Changelog;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway changelog build</c>: writes the release into the news file and removes the consumed fragments.</summary>
internal static class ChangelogBuildCommand
{
    public static Command Create(CliHost host)
    {
        var version = ChangelogCommand.VersionOption();
        var date = ChangelogCommand.DateOption();
        var name = ChangelogCommand.NameOption();
        var keep = new Option<bool>("--keep") { Description = "Keep the fragments instead of removing them." };
        var allowEmpty = new Option<bool>("--allow-empty") { Description = "With no fragments, still write a release saying \"No significant changes.\" (as towncrier does)." };
        var command = new Command("build", "Write the release into the news file and remove the fragments (git rm when tracked).")
        {
            version, date, name, keep, allowEmpty,
        };
        command.SetAction(parse =>
        {
            using var pause = GarbageCollectionPause.Start();
            var project = ChangelogCommand.Locate(host, parse);
            var data = ReleaseVersion.Resolve(project, parse.GetValue(version), parse.GetValue(date), parse.GetValue(name), host.Time);
            var result = ChangelogBuilder.Build(project, data, parse.GetValue(keep), parse.GetValue(allowEmpty));
            if (!result.Written)
            {
                host.Err.WriteLine($"no news fragments: nothing written to {Shown(host, result.NewsFile)} (--allow-empty writes \"No significant changes.\")");
                return 0;
            }

            var kept = parse.GetValue(keep) ? "kept" : "removed";
            host.Err.WriteLine($"wrote {result.Fragments} fragment(s) for {data.Version}; fragments {kept}");
            host.Out.WriteLine(Shown(host, result.NewsFile));
            return 0;
        });
        return command;
    }

    private static string Shown(CliHost host, string path) => Path.GetRelativePath(host.WorkingDirectory, path);
}
