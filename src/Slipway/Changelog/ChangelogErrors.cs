using Slipway.Changelog.Jinja;
using Slipway.Diagnostics;
using Slipway.Files;

namespace Slipway.Changelog;

/// <summary>Every user-facing changelog message, in one place.</summary>
internal static class ChangelogErrors
{
    public const string MaxFileSizeHint = "if the file really is that large, raise max_file_size in the changelog configuration";

    public static SlipwayException ConfigNotFound(string directory) =>
        SlipwayException.Input(
            ErrorCode.ChangelogConfigNotFound,
            $"no changelog configuration found from {directory}: no [changelog] in slipway.toml, no towncrier.toml, no [tool.towncrier] in pyproject.toml",
            "add a [changelog] section to slipway.toml, for example: directory = \"changelog.d\" and filename = \"CHANGELOG.md\"");

    public static SlipwayException BadFragmentNames(IReadOnlyList<FragmentProblem> problems, IEnumerable<string> knownTypes)
    {
        var known = string.Join(", ", knownTypes);
        var code = problems.Any(p => p.UnknownCategory is not null) ? ErrorCode.FragmentUnknownCategory : ErrorCode.FragmentNameInvalid;
        var described = problems.Select(p => p.UnknownCategory is null
            ? $"{p.File}: {p.Reason}"
            : $"{p.File}: unknown category '{p.UnknownCategory}'");
        // One line, as every error is; long lists are cut, the count says how many there are.
        const int Shown = 20;
        var more = problems.Count > Shown ? $"; and {problems.Count - Shown} more" : string.Empty;
        var message = problems.Count == 1
            ? $"{described.First()} (known: {known})"
            : $"{problems.Count} news fragments are misnamed (known categories: {known}): {string.Join("; ", described.Take(Shown))}{more}";
        return SlipwayException.Input(
            code,
            message,
            "name fragments ISSUE.CATEGORY[.COUNTER][.EXT] (or +SLUG.CATEGORY for no issue), or list deliberate files under 'ignore'");
    }

    public static SlipwayException Collision(string first, string second, string issue, string category, int counter) =>
        SlipwayException.Input(
            ErrorCode.FragmentCollision,
            $"{first} and {second} are the same fragment (issue '{issue}', category '{category}', counter {counter})",
            "merge them, or give one a counter: ISSUE.CATEGORY.1.md");

    public static SlipwayException DirectoryMissing(string directory, string origin) =>
        SlipwayException.Input(
            ErrorCode.FragmentsDirectoryMissing,
            $"{directory}: the fragments directory (from {origin}) does not exist",
            "create it with an empty .gitkeep so that git keeps it when no fragments are pending");

    public static SlipwayException NotUtf8(string file) =>
        SlipwayException.Input(ErrorCode.FragmentNotUtf8, $"{file}: not valid UTF-8", "save the fragment as UTF-8");

    public static SlipwayException Unreadable(string file, string reason) =>
        SlipwayException.Input(ErrorCode.FragmentUnreadable, $"{file}: cannot read the fragment: {reason}");

    /// <summary>A fragment that is not a regular file inside the fragments directory, or larger than the cap.</summary>
    public static SlipwayException FragmentRefused(string file, string target, string directory, FileRefusal refusal) => refusal.Kind switch
    {
        FileRefusalKind.Outside => SlipwayException.Input(
            ErrorCode.FragmentOutsideDirectory,
            $"{file} is a link to {target}, outside the fragments directory {directory}",
            "a fragment may link only to another fragment in the same directory, to share one text between issues; commit the text itself"),
        FileRefusalKind.NotRegular => SlipwayException.Input(
            ErrorCode.FragmentNotRegularFile,
            refusal.ThroughLink
                ? $"{file} is a link to {target}, which is {refusal.Detail}, not a regular file"
                : $"{file} is {refusal.Detail}, not a regular file",
            "a fragment is a regular file of text"),
        FileRefusalKind.TooLarge => SlipwayException.Input(
            ErrorCode.FragmentTooLarge,
            $"{file} holds more than {refusal.Detail}, the most Slipway reads from a fragment",
            "a fragment is a few lines; if this one really is that long, raise max_file_size in the changelog configuration"),
        FileRefusalKind.Missing => SlipwayException.Input(
            ErrorCode.FragmentLinkBroken, $"{file} is a link to {target}, which does not exist", "point the link at an existing fragment, or remove it"),
        FileRefusalKind.LinkLoop => SlipwayException.Input(
            ErrorCode.FragmentLinkBroken, $"{file}: its links form a loop", "point the link at an existing fragment, or remove it"),
        _ => Unreadable(file, refusal.Detail),
    };

    public static SlipwayException FilenameWithoutVersion(string origin, string filename) =>
        SlipwayException.Input(
            ErrorCode.NewsFilenameWithoutVersion,
            $"{origin}: filename '{filename}' has no {{version}} but single_file = false, so every release would overwrite the same file",
            "write the version into the name, for example filename = \"docs/release-notes/{version}.md\"");

    public static SlipwayException AlreadyReleased(string file, string topLine) =>
        SlipwayException.Input(
            ErrorCode.ReleaseAlreadyInNewsFile,
            $"{file} already holds '{topLine}': this version's notes were written before",
            "remove that release from the file first, or build another version");

    public static SlipwayException Jinja(string template, JinjaFailure failure, int line, string message)
    {
        var at = line > 0 ? $"{template}:{line}" : template;
        return failure switch
        {
            JinjaFailure.Unsupported => SlipwayException.Input(
                ErrorCode.JinjaConstructUnsupported,
                $"{at}: {message}",
                "rewrite that part with the constructs listed in the README (Jinja2 templates), or port the template to Liquid (a .liquid file)"),
            JinjaFailure.Syntax => SlipwayException.Input(ErrorCode.JinjaSyntaxInvalid, $"{at}: not a valid Jinja2 template: {message}"),
            JinjaFailure.Undefined => SlipwayException.Input(
                ErrorCode.JinjaUndefinedValue,
                $"{at}: {message}, and Jinja2 fails on that use of an undefined value",
                "towncrier's templates get render_title, sections, definitions, underlines, versiondata, top_underline, get_indent and issues_by_category"),
            _ => SlipwayException.Input(ErrorCode.JinjaRenderFailed, $"{at}: the template fails as it would in Jinja2: {message}"),
        };
    }

    public static SlipwayException TemplateInvalid(string template, string reason) =>
        SlipwayException.Input(ErrorCode.ChangelogTemplateInvalid, $"{template}: {reason}");

    public static SlipwayException IssuePattern(string file, string issue, string pattern) =>
        SlipwayException.Input(
            ErrorCode.IssuePatternMismatch,
            $"{file}: issue '{issue}' does not match the configured issue_pattern '{pattern}'");

    public static SlipwayException VersionUnknown(string reason) =>
        SlipwayException.Input(
            ErrorCode.ChangelogVersionUnknown,
            $"no version to render: {reason}",
            "pass --version, set 'version' in the changelog configuration, or configure [project] version in slipway.toml");

    public static SlipwayException FormatInvalid(string origin, string key, string format, string reason) =>
        SlipwayException.Input(ErrorCode.ChangelogFormatInvalid, $"{origin}: {key} '{format}' {reason}");

    public static SlipwayException DateInvalid(string value) =>
        SlipwayException.Input(ErrorCode.ChangelogDateInvalid, $"'{value}' is not a date", "write it as YYYY-MM-DD");

    public static SlipwayException FragmentMissing(int lines, string baseRef) =>
        SlipwayException.Failure(
            ErrorCode.FragmentMissing,
            $"the change since {baseRef} adds {lines} source lines but no news fragment",
            "add one with 'slipway changelog create ISSUE.CATEGORY --content TEXT'");

    public static SlipwayException BaseWithoutRepository(string directory) =>
        SlipwayException.Input(ErrorCode.NotAGitRepository, $"{directory} is not in a git repository, so --base has nothing to compare with");

    public static SlipwayException BaseUnknown(string baseRef, string reason) =>
        SlipwayException.Input(
            ErrorCode.GitOperationFailed,
            $"cannot compare with '{baseRef}': {reason}",
            "pass a branch, tag or commit that shares history with HEAD, for example --base origin/main");

    public static SlipwayException SectionUnknown(string name, IEnumerable<string> known) =>
        SlipwayException.Input(
            ErrorCode.InvalidUsage,
            $"no section named '{name}' (known: {string.Join(", ", known.Select(k => $"'{k}'"))})");

    public static SlipwayException RemovalFailed(string detail) =>
        SlipwayException.Failure(ErrorCode.FragmentRemovalFailed, $"the release was written, but removing the fragments failed: {detail}");

    public static SlipwayException CreateNameInvalid(string name, string reason, IEnumerable<string> knownTypes) =>
        SlipwayException.Input(
            ErrorCode.FragmentNameInvalid,
            $"'{name}' is not a fragment name: {reason} (known categories: {string.Join(", ", knownTypes)})",
            "name it ISSUE.CATEGORY, for example 123.bugfix, or +SLUG.CATEGORY for a change without an issue");
}
