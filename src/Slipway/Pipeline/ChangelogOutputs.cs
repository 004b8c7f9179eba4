namespace Slipway.Pipeline;

/// <summary>
/// The outputs the <c>changelog-render</c> step journals, which <c>create-release</c> and <c>finalize-changelog</c>
/// read: the release notes, the notes file's path (from the repository root) and its new content, and the fragment
/// paths the release consumed.
/// </summary>
public static class ChangelogOutputs
{
    public const string Notes = "notes";
    public const string File = "file";
    public const string Content = "content";
    public const string Fragments = "fragments";
}
