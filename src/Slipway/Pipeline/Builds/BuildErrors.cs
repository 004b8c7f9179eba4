using Slipway.Diagnostics;

namespace Slipway.Pipeline.Builds;

/// <summary>Every user-facing message about the build record and the build output checked against it, in one place.</summary>
internal static class BuildErrors
{
    private const string HandOverHint = "hand over the build output exactly as the build left it, or run the build again";

    public static SlipwayException Mismatch(string file, string recorded, string actual) =>
        SlipwayException.Failure(
            ErrorCode.BuildOutputMismatch,
            $"{file} is not what the build left: the build recorded {recorded}, it is now {actual}; nothing was pushed",
            HandOverHint);

    public static SlipwayException Missing(string what) =>
        SlipwayException.Failure(ErrorCode.BuildOutputMissing, $"{what}; nothing was pushed", HandOverHint);

    public static SlipwayException Unexpected(string file, string artifact) =>
        SlipwayException.Failure(
            ErrorCode.BuildOutputMismatch,
            $"{file} is in the artifact {artifact} but the build did not leave it (recorded none, found one); nothing was used",
            HandOverHint);

    public static SlipwayException PlatformMismatch(string layout, string key, string holds) =>
        SlipwayException.Input(
            ErrorCode.LayoutPlatformMismatch,
            $"{layout} is the layout of {key} in [[image]] layouts but holds {holds}",
            "a platform's layout must hold that platform's image only");

    public static SlipwayException PlatformNotBuilt(string repository, IEnumerable<string> platforms) =>
        SlipwayException.Failure(
            ErrorCode.PlatformNotBuilt,
            $"{repository}: the journal has no build of {string.Join(", ", platforms)} yet",
            $"run 'slipway step build --platform PLATFORM' for each, then this step again");

    public static SlipwayException PlatformNotConfigured(string platform, IEnumerable<string> known) =>
        SlipwayException.Input(
            ErrorCode.PlatformNotConfigured,
            $"--platform {platform}: no [[image]] layouts names it (known: {Known(known)})");

    public static SlipwayException PlatformInvalid(string platform, string error) =>
        SlipwayException.Input(ErrorCode.PlatformNotConfigured, $"--platform '{platform}' {error}");

    public static SlipwayException ManifestMissing(string reference, string detail) =>
        SlipwayException.Failure(
            ErrorCode.PlatformManifestMissing,
            $"{reference}, which the platform build pushed, {detail}; nothing was tagged",
            "run that platform's build again");

    private static string Known(IEnumerable<string> known)
    {
        var list = known.ToList();
        return list.Count == 0 ? "none: the configuration has no [[image]] layouts" : string.Join(", ", list);
    }
}
