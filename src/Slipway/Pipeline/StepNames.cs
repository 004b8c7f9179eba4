namespace Slipway.Pipeline;

/// <summary>The names of the default graph's steps (DESIGN.md, "The release run").</summary>
public static class StepNames
{
    public const string DetectVersion = "detect-version";
    public const string Preflight = "preflight";
    public const string Gates = "gates";
    public const string ChangelogRender = "changelog-render";
    public const string Build = "build";
    public const string PushPrerelease = "push-prerelease";
    public const string Sign = "sign";
    public const string AttestSbom = "attest-sbom";
    public const string AttestProvenance = "attest-provenance";
    public const string Scan = "scan";
    public const string Approval = "approval";
    public const string PromoteImages = "promote-images";
    public const string CleanupPrerelease = "cleanup-prerelease";
    public const string CheckPackages = "check-packages";
    public const string PublishPackages = "publish-packages";
    public const string DraftRelease = "draft-release";
    public const string ComposeNotes = "compose-notes";
    public const string CreateRelease = "create-release";
    public const string FinalizeChangelog = "finalize-changelog";
}
