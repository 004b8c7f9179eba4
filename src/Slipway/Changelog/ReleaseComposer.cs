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
                ? IndentContinuation(fragment.Content)
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

            sections.Add(new ReleaseSection(name, rendered, [.. categories.Keys]));
        }

        return sections;
    }

    private static ReleaseCategory ComposeCategory(ChangelogSection settings, FragmentType type, Dictionary<string, List<string>> texts)
    {
        var entries = new List<(string Text, string[] Issues, IssueKey[] Keys, int Index)>(texts.Count);
        var all = new List<string>();
        foreach (var (text, issues) in texts)
        {
            var (sorted, keys) = SortIssues(issues);
            entries.Add((text, sorted, keys, entries.Count));
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
                order = PythonText.CompareCodePoints(a.Issues.Length > 0 ? string.Empty : a.Text, b.Issues.Length > 0 ? string.Empty : b.Text);
            }

            if (order == 0)
            {
                order = IssueKey.Compare(a.Keys, b.Keys);
            }

            return order != 0 ? order : a.Index.CompareTo(b.Index);
        });

        var rendered = new ReleaseEntry[entries.Count];
        for (var i = 0; i < rendered.Length; i++)
        {
            var issues = entries[i].Issues;
            var formatted = new string[issues.Length];
            for (var j = 0; j < issues.Length; j++)
            {
                formatted[j] = IssueFormatter.Render(settings, issues[j]);
            }

            rendered[i] = new ReleaseEntry(entries[i].Text, formatted);
        }

        var (distinct, _) = SortIssues([.. new HashSet<string>(all, StringComparer.Ordinal)]);
        return new ReleaseCategory(type, rendered, [.. distinct.Select(i => IssueFormatter.Render(settings, i))]);
    }

    // towncrier sorts the issues as strings as it collects them, then stably by IssueKey.
    private static (string[] Issues, IssueKey[] Keys) SortIssues(List<string> issues)
    {
        var sorted = issues.ToArray();
        if (sorted.Length == 0)
        {
            return (sorted, []);
        }

        if (sorted.Length == 1)
        {
            return (sorted, [IssueKey.Of(sorted[0])]);
        }

        Array.Sort(sorted, PythonText.CompareCodePoints);
        var keys = new IssueKey[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            keys[i] = IssueKey.Of(sorted[i]);
        }

        // Stable: issues whose keys tie keep their text order. An entry's list is short; a category's may be long.
        if (sorted.Length <= 16)
        {
            for (var i = 1; i < sorted.Length; i++)
            {
                var (issue, key) = (sorted[i], keys[i]);
                var j = i - 1;
                while (j >= 0 && keys[j].CompareTo(key) > 0)
                {
                    sorted[j + 1] = sorted[j];
                    keys[j + 1] = keys[j];
                    j--;
                }

                sorted[j + 1] = issue;
                keys[j + 1] = key;
            }

            return (sorted, keys);
        }

        var order = Enumerable.Range(0, sorted.Length).ToArray();
        var unsortedKeys = keys;
        Array.Sort(order, (a, b) =>
        {
            var byKey = unsortedKeys[a].CompareTo(unsortedKeys[b]);
            return byKey != 0 ? byKey : a.CompareTo(b);
        });
        var texts = sorted;
        sorted = [.. order.Select(i => texts[i])];
        keys = [.. order.Select(i => unsortedKeys[i])];
        return (sorted, keys);
    }

    private static int BulletRank(string text) =>
        text.Length == 0 ? -1
        : text.StartsWith("- ", StringComparison.Ordinal) ? 0
        : text.StartsWith("* ", StringComparison.Ordinal) ? 1
        : text.StartsWith("#. ", StringComparison.Ordinal) ? 2
        : 3;

    /// <summary>
    /// towncrier's <c>indent(content.strip(), "  ")[2:]</c>: the text stripped, and every non-blank line but the first
    /// indented by two spaces, so the text continues its bullet.
    /// </summary>
    internal static string IndentContinuation(string content)
    {
        var span = content.AsSpan();
        var start = 0;
        while (start < span.Length && PythonText.IsSpace(span[start]))
        {
            start++;
        }

        var end = span.Length;
        while (end > start && PythonText.IsSpace(span[end - 1]))
        {
            end--;
        }

        var text = span[start..end];
        var boundary = IndexOfLineBoundary(text);
        if (boundary < 0)
        {
            return start == 0 && end == span.Length ? content : new string(text);
        }

        var builder = new StringBuilder(text.Length + 16);
        builder.Append(text[..(boundary + 1)]);
        var line = boundary + 1;
        while (line < text.Length)
        {
            var next = IndexOfLineBoundary(text[line..]);
            var stop = next < 0 ? text.Length : line + next + 1;
            var current = text[line..stop];
            if (!PythonText.IsBlank(current))
            {
                builder.Append("  ");
            }

            builder.Append(current);
            line = stop;
        }

        return builder.ToString();
    }

    private static int IndexOfLineBoundary(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (PythonText.IsLineBoundary(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
