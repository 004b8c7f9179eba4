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

    public static SlipwayException BumpNotApplicable(ProjectVersion current, VersionBump bump, string reason) =>
        SlipwayException.Input(ErrorCode.BumpNotApplicable, $"cannot bump {bump} from {current}: {reason}");

    public static SlipwayException NotGreater(ProjectVersion current, ProjectVersion next, VersionBump bump) =>
        SlipwayException.Input(
            ErrorCode.BumpNotGreater,
            $"bump {bump}: {next} is not greater than the current version {current}",
            "a bump only goes up; to go back, edit the version file by hand");

    public static SlipwayException SyncTargetNotFound(string file, string what, int count) =>
        SlipwayException.Input(
            ErrorCode.SyncTargetNotFound,
            count == 0
                ? $"{file}: [project] sync finds no version ({what})"
                : $"{file}: [project] sync finds the version {count} times; it must find it once (make the pattern longer)");

    public static SlipwayException Dirty(IReadOnlyList<string> files) =>
        SlipwayException.Input(
            ErrorCode.BumpFileDirty,
            $"refusing to bump: {string.Join(", ", files)} {(files.Count == 1 ? "has" : "have")} uncommitted changes",
            "commit them first, or pass --allow-dirty");

    public static SlipwayException OutOfSync(string source, ProjectVersion version, IReadOnlyList<(string File, string Value)> disagreeing) =>
        SlipwayException.Failure(
            ErrorCode.VersionOutOfSync,
            $"{disagreeing.Count} file(s) disagree with {source} ({version}): {string.Join(", ", disagreeing.Select(d => $"{d.File} has '{d.Value}'"))}",
            "edit them to match; 'slipway bump' rewrites the version source and every sync file together");

    public static SlipwayException NoFragments(string directory) =>
        SlipwayException.Input(
            ErrorCode.BumpNoFragments,
            $"bump --from-fragments: no news fragments are pending in {directory}",
            "add a fragment, or name the bump: slipway bump patch");

    public static SlipwayException NotWritable(string file, string reason) =>
        SlipwayException.Input(ErrorCode.VersionNotWritable, $"{file}: cannot rewrite the version: {reason}");

    public static SlipwayException WriteFailed(string file, IReadOnlyList<string> written, Exception e) =>
        SlipwayException.Failure(
            ErrorCode.VersionWriteFailed,
            $"{file}: cannot write the new version: {e.Message}" + (written.Count == 0 ? " (no file was changed)" : $" ({string.Join(", ", written)} already rewritten)"),
            written.Count == 0 ? null : "git checkout -- those files to undo, or fix the cause and bump again with --allow-dirty",
            e);

    public static SlipwayException PatternTooSlow(string file, string pattern) =>
        SlipwayException.Input(
            ErrorCode.VersionPatternInvalid,
            $"{file}: version pattern '{pattern}' took too long to match (over 2 s); make it simpler");
}
