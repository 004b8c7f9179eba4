namespace Slipway.Git;

/// <summary>The repository operations Slipway needs, kept small so tests use real repositories in temp folders.</summary>
public interface IGitRepository : IDisposable
{
    /// <summary>The working tree root.</summary>
    string WorkingDirectory { get; }

    /// <summary>The commit HEAD names (40 hex).</summary>
    string HeadCommit { get; }

    /// <summary>The branch HEAD is on, or null when HEAD is detached.</summary>
    string? HeadBranch { get; }

    IReadOnlyList<GitTag> Tags();

    bool HasRemote(string remote);

    /// <summary>The tags on <paramref name="remote"/>, listed without fetching (like <c>git ls-remote --tags</c>).</summary>
    RemoteRefs ListRemote(string remote);

    /// <summary>The commit a reference (<c>main</c>, <c>refs/remotes/origin/main</c>, a hash) resolves to, or null.</summary>
    string? ResolveCommit(string reference);

    bool ContainsCommit(string commit);

    /// <summary>True when <paramref name="commit"/> equals or is an ancestor of <paramref name="descendant"/>.</summary>
    bool IsReachableFrom(string commit, string descendant);

    /// <summary>Modified, staged and untracked paths (not ignored ones), excluding Slipway's own state folder.</summary>
    IReadOnlyList<string> DirtyPaths();
}
