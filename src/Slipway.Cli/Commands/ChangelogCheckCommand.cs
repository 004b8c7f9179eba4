using System.CommandLine;
using Slipway.Changelog;

namespace Slipway.Cli.Commands;

/// <summary>
/// <c>slipway changelog check</c>: every fragment is validly named; with <c>--base</c>, a change that adds enough
/// source lines without a fragment is reported (a failure with <c>--require</c>).
/// </summary>
internal static class ChangelogCheckCommand
{
    public static Command Create(CliHost host)
    {
        var baseRef = new Option<string?>("--base") { Description = "Also check that the change since this ref adds a fragment when it adds source lines.", HelpName = "REF" };
        var require = new Option<bool>("--require") { Description = "Fail (exit 1) instead of warning when a fragment is missing." };
        var command = new Command("check", "Validate the fragment names; with --base, ask for a fragment when the change needs one.")
        {
            baseRef, require,
        };
        command.SetAction(parse =>
        {
            using var pause = GarbageCollectionPause.Start();
            var project = ChangelogCommand.Locate(host, parse);
            var result = ChangelogCheck.Run(project, parse.GetValue(baseRef));
            if (result.NeedsFragment)
            {
                var missing = result.MissingFragment();
                if (parse.GetValue(require))
                {
                    throw missing;
                }

                host.Err.WriteLine($"slipway: warning {missing.CodeText}: {missing.Message}");
                host.Err.WriteLine($"  hint: {missing.Hint}");
            }

            var added = result.BaseRef is null ? string.Empty : $", {result.AddedFragments.Count} added since {result.BaseRef}";
            host.Out.WriteLine($"{result.Fragments} news fragment(s), all valid{added}");
            return 0;
        });
        return command;
    }
}
