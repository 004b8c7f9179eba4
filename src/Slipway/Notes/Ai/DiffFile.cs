namespace Slipway.Notes.Ai;

/// <summary>One changed file of the release's diff, from <c>git diff --numstat</c>: lines added and deleted, or binary.</summary>
public sealed record DiffFile(int Index, string Path, long Added, long Deleted, bool Binary)
{
    public long Changed => Added + Deleted;
}
