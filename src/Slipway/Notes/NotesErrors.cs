using Slipway.Diagnostics;

namespace Slipway.Notes;

/// <summary>Every user-facing message of the release notes, in one place.</summary>
public static class NotesErrors
{
    public static SlipwayException ReleaseConfigInvalid(string file, long line, long column, string reason) =>
        SlipwayException.Input(
            ErrorCode.NotesReleaseConfigInvalid,
            $"{file}:{line}:{column}: not valid YAML: {reason}",
            "GitHub reads this file for the release notes' categories: fix it or remove it");

    public static SlipwayException ReleaseConfigShape(string file, long line, long column, string reason) =>
        SlipwayException.Input(
            ErrorCode.NotesReleaseConfigInvalid,
            $"{file}:{line}:{column}: {reason}",
            "see GitHub's 'automatically generated release notes' for the shape of .github/release.yml");

    public static SlipwayException VersionInvalid(string text, string scheme, string reason) =>
        SlipwayException.Input(ErrorCode.NotesVersionInvalid, $"--version '{text}' is not a {scheme} version: {reason}");

    public static SlipwayException GitOutputUnexpected(string command, string reason) =>
        SlipwayException.Failure(ErrorCode.NotesGitOutputUnexpected, $"git {command} printed what the notes cannot read: {reason}");

    public static SlipwayException GitFailed(string command, string reason) =>
        SlipwayException.Failure(ErrorCode.NotesGitOutputUnexpected, $"git {command} failed: {reason}");

    public static string NarrativeDropped(string reason) => $"the release narrative was left out: {reason}";
}
