namespace Slipway.Versioning;

/// <summary>What <c>slipway version</c> answers: the version about to be released, its tag, the commit, and whether
/// there is anything to release (with the reason).</summary>
public sealed record ReleaseInfo(
    ProjectVersion Version,
    string VersionSource,
    IVersionScheme Scheme,
    string SchemeOrigin,
    string Tag,
    string Commit,
    string? Branch,
    bool ShouldRelease,
    string Reason,
    string? Remote,
    IReadOnlyList<string> DirtyPaths)
{
    public bool Prerelease => Version.IsPrerelease;

    public string ShortCommit => Commit[..7];

    public bool Dirty => DirtyPaths.Count > 0;

    public TemplateFields Fields => new(Version, Commit);
}
