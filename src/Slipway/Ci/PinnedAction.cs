namespace Slipway.Ci;

/// <summary>A third-party action at the full commit its release tag named when it was pinned; the tag is only a comment.</summary>
public sealed record PinnedAction(string Repository, string Commit, string Version)
{
    public string Uses => $"{Repository}@{Commit}";
}
