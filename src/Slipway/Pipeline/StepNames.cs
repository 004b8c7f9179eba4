namespace Slipway.Pipeline;

/// <summary>The names of the default graph's steps (DESIGN.md, "The release run").</summary>
public static class StepNames
{
    public const string DetectVersion = "detect-version";
    public const string Preflight = "preflight";
    public const string Gates = "gates";
    public const string ChangelogRender = "changelog-render";
    public const string Build = "build";
    public const string Approval = "approval";
    public const string CreateRelease = "create-release";
    public const string FinalizeChangelog = "finalize-changelog";
}
