namespace Slipway.Changelog;

/// <summary>
/// What <c>changelog check</c> found: the pending fragments (all validly named, or the check would have failed), and
/// with a base ref, the source lines the change adds and the fragments it adds.
/// </summary>
public sealed record CheckResult(int Fragments, string? BaseRef, int AddedSourceLines, IReadOnlyList<string> AddedFragments, int Threshold)
{
    /// <summary>The change is large enough to deserve a fragment and brings none.</summary>
    public bool NeedsFragment => BaseRef is not null && AddedSourceLines >= Threshold && AddedFragments.Count == 0;

    /// <summary>The error (exit 1) <c>--require</c> raises, and whose text the nudge prints.</summary>
    public Diagnostics.SlipwayException MissingFragment() => ChangelogErrors.FragmentMissing(AddedSourceLines, BaseRef ?? "HEAD");
}
