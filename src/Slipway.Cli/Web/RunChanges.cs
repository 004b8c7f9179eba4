namespace Slipway.Cli.Web;

/// <summary>The commits (<c>short-hash subject</c>) and changed files between the previous release and a run's commit, each list capped.</summary>
internal sealed record RunChanges(string? Since, IReadOnlyList<string> Commits, bool CommitsCapped, IReadOnlyList<string> Files, bool FilesCapped)
{
    public static readonly RunChanges None = new(null, [], false, [], false);
}
