using System.Text;
using Slipway.Configuration;

namespace Slipway.Changelog;

/// <summary>
/// Groups fragments into sections, categories and entries, and orders them as towncrier 24.8 does: identical texts
/// merge into one entry carrying every issue; entries order by their issues (see <see cref="IssueKey"/>), orphans
/// last by text; with <c>all_bullets = false</c>, bulleted entries come before plain ones. Sorts are stable, so ties
/// keep the order the fragments were found in.
/// </summary>
public static class ReleaseComposer
{
    public static IReadOnlyList<ReleaseSection> Compose(ChangelogSection settings, IReadOnlyList<Fragment> fragments)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(fragments);
        var types = settings.Types.ToDictionary(t => t.Key, StringComparer.Ordinal);
        var grouped = new Dictionary<string, Dictionary<string, Dictionary<string, List<string>>>>(StringComparer.Ordinal);
        foreach (var section in settings.Sections)
        {
            grouped.TryAdd(section.Name, new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal));
        }

        foreach (var fragment in fragments)
        {
            var content = settings.AllBullets
                ? IndentContinuation(PythonText.Strip(fragment.Content))
                : PythonText.RStrip(fragment.Content);
            if (!types[fragment.Category].ShowContent && fragment.Issue.Length > 0)
            {
                content = string.Empty;
            }

            var categories = grouped[fragment.Section];
            if (!categories.TryGetValue(fragment.Category, out var texts))
            {
                texts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                categories[fragment.Category] = texts;
            }

            if (!texts.TryGetValue(content, out var issues))
            {
                issues = [];
                texts[content] = issues;
            }

            if (fragment.Issue.Length > 0)
            {
                issues.Add(fragment.Issue);
            }
        }

        var sections = new List<ReleaseSection>(grouped.Count);
        foreach (var (name, categories) in grouped)
        {
            var rendered = new List<ReleaseCategory>();
            foreach (var type in settings.Types)
            {
                if (categories.TryGetValue(type.Key, out var texts))
                {
                    rendered.Add(ComposeCategory(settings, type, texts));
                }
            }

            sections.Add(new ReleaseSection(name, rendered));
        }

        return sections;
    }

    private static ReleaseCategory ComposeCategory(ChangelogSection settings, FragmentType type, Dictionary<string, List<string>> texts)
    {
        var entries = new List<(string Text, List<string> Issues, IssueKey[] Keys, int Index)>(texts.Count);
        var all = new List<string>();
        foreach (var (text, issues) in texts)
        {
            var sorted = SortIssues(issues);
            entries.Add((text, sorted, [.. sorted.Select(IssueKey.Of)], entries.Count));
            all.AddRange(issues);
        }

        entries.Sort((a, b) =>
        {
            var order = 0;
            if (!settings.AllBullets)
            {
                order = BulletRank(a.Text).CompareTo(BulletRank(b.Text));
            }

            if (order == 0)
            {
                order = PythonText.CompareCodePoints(a.Issues.Count > 0 ? string.Empty : a.Text, b.Issues.Count > 0 ? string.Empty : b.Text);
            }

            if (order == 0)
            {
                order = IssueKey.Compare(a.Keys, b.Keys);
            }

            return order != 0 ? order : a.Index.CompareTo(b.Index);
        });

        var distinct = SortIssues([.. all.Distinct(StringComparer.Ordinal)]);
        return new ReleaseCategory(
            type,
            [.. entries.Select(e => new ReleaseEntry(e.Text, [.. e.Issues.Select(i => IssueFormatter.Render(settings, i))]))],
            [.. distinct.Select(i => IssueFormatter.Render(settings, i))]);
    }

    // towncrier sorts the issues as strings as it collects them, then stably by IssueKey.
    private static List<string> SortIssues(List<string> issues)
    {
        var byText = issues.ToArray();
        Array.Sort(byText, PythonText.CompareCodePoints);
        return [.. byText.Select((issue, index) => (issue, index, key: IssueKey.Of(issue)))
            .OrderBy(x => x.key)
            .ThenBy(x => x.index)
            .Select(x => x.issue)];
    }

    private static int BulletRank(string text) =>
        text.Length == 0 ? -1
        : text.StartsWith("- ", StringComparison.Ordinal) ? 0
        : text.StartsWith("* ", StringComparison.Ordinal) ? 1
        : text.StartsWith("#. ", StringComparison.Ordinal) ? 2
        : 3;

    /// <summary>Indents every non-blank line but the first by two spaces, so the text continues its bullet.</summary>
    internal static string IndentContinuation(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        var start = 0;
        var first = true;
        while (start < text.Length)
        {
            var end = start;
            while (end < text.Length && !PythonText.IsLineBoundary(text[end]))
            {
                end++;
            }

            if (end < text.Length)
            {
                end++;
            }

            var line = text.AsSpan(start, end - start);
            if (!first && !PythonText.IsBlank(line))
            {
                builder.Append("  ");
            }

            builder.Append(line);
            first = false;
            start = end;
        }

        return builder.ToString();
    }
}
