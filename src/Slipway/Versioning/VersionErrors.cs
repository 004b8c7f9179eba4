using Slipway.Diagnostics;

namespace Slipway.Versioning;

/// <summary>Every user-facing version message, in one place.</summary>
internal static class VersionErrors
{
    public static SlipwayException FileMissing(string file) =>
        SlipwayException.Input(ErrorCode.VersionFileMissing, $"{file}: version file not found");

    public static SlipwayException NotFound(string file, string what) =>
        SlipwayException.Input(ErrorCode.VersionNotFound, $"{file}: no version found ({what})");

    public static SlipwayException Ambiguous(string file, IEnumerable<string> values) =>
        SlipwayException.Input(
            ErrorCode.VersionAmbiguous,
            $"{file}: the version is given several times and the values disagree: {string.Join(", ", values.Select(v => $"'{v}'"))}");

    public static SlipwayException Refused(IVersionScheme scheme, string file, string value, string reason) =>
        SlipwayException.Input(
            scheme is SemVerScheme ? ErrorCode.VersionNotSemVer : ErrorCode.VersionRefusedByScheme,
            $"{file}: version '{value}' is not {scheme.Title}: it {reason}",
            scheme.Hint);

    public static SlipwayException Unreadable(string file, string reason) =>
        SlipwayException.Input(ErrorCode.VersionNotFound, $"{file}: cannot read the version: {reason}");

    public static SlipwayException PatternInvalid(string pattern, string reason) =>
        SlipwayException.Input(ErrorCode.VersionPatternInvalid, $"version pattern '{pattern}' {reason}");

    public static SlipwayException NoTagAtHead(string template, string commit) =>
        SlipwayException.Input(
            ErrorCode.NoTagAtHead,
            $"the version comes from the git tag, but no tag matching '{template}' points at HEAD ({commit[..7]})",
            "tag the commit to release, for example: git tag -a v1.2.3 -m 1.2.3");

    public static SlipwayException Mismatch(string tag, ProjectVersion tagVersion, string source, ProjectVersion fileVersion) =>
        SlipwayException.Input(
            ErrorCode.VersionMismatch,
            $"version mismatch: tag {tag} says {tagVersion}, {source} says {fileVersion}");

    public static SlipwayException NotOnReleaseBranch(string commit, string branch) =>
        SlipwayException.Input(
            ErrorCode.CommitNotOnReleaseBranch,
            $"refusing to release a commit that is not on {branch}: {commit[..7]} is not reachable from {branch}");

    public static SlipwayException ReleaseBranchMissing(string branch) =>
        SlipwayException.Input(
            ErrorCode.ReleaseBranchMissing,
            $"release branch '{branch}' does not exist",
            "set [project] release-branch, or fetch it");
}
