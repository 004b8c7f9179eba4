using Slipway.Configuration;

namespace Slipway.Changelog;

/// <summary>towncrier's <c>render_issue</c>: <c>#12</c> for a number without <c>issue_format</c>, else the format applied.</summary>
internal static class IssueFormatter
{
    public static string Render(ChangelogSection settings, string issue)
    {
        if (settings.IssueFormat is null)
        {
            return PythonText.IsPythonInt(issue) ? "#" + issue : issue;
        }

        var fields = new Dictionary<string, string>(1, StringComparer.Ordinal) { ["issue"] = issue };
        return PythonFormat.TryApply(settings.IssueFormat, fields, out var result, out var error)
            ? result
            : throw ChangelogErrors.FormatInvalid(settings.Origin, "issue_format", settings.IssueFormat, error);
    }
}
