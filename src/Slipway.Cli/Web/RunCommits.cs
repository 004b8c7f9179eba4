using Slipway.Configuration;
using Slipway.State;

namespace Slipway.Cli.Web;

/// <summary>The commits between the previous release and the run's commit, from git, capped (the page shows them; it never fails on them).</summary>
internal static class RunCommits
{
    public const int Cap = 100;

    public static IReadOnlyList<string> Since(SlipwayConfig config, IRunJournal journal, RunDetails details)
    {
        ArgumentNullException.ThrowIfNull(config);
        _ = journal;
        _ = details;

        // Seam: the notes part's PR list from git history (Notes/) will provide commits and changed files since the
        // previous release; until it is merged the page shows none.
        return [];
    }
}
