using Slipway.Diagnostics;

namespace Slipway.Forges;

/// <summary>Every user-facing message of the forges, in one place.</summary>
internal static class ForgeErrors
{
    public static SlipwayException TagElsewhere(string tag, string at, string expected) =>
        SlipwayException.Failure(
            ErrorCode.ReleaseTagConflict,
            $"tag {tag} already names {at[..7]} here, not the built commit {expected[..7]}",
            "a release tag never moves: delete the stray local tag or bump the version");
}
