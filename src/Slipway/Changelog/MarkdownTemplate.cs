using System.Text;

namespace Slipway.Changelog;

/// <summary>
/// towncrier 24.8's <c>default.md</c>, written out: the bytes its Jinja template gives with <c>trim_blocks</c>,
/// without a template engine.
/// </summary>
public sealed class MarkdownTemplate : IReleaseTemplate
{
    public static MarkdownTemplate Instance { get; } = new();

    public bool IsMarkdown => true;

    public string Render(ReleaseModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var output = new StringBuilder(4096);
        var version = model.VersionData;
        if (model.RenderTitle)
        {
            output.Append("# ");
            if (version.Name.Length > 0)
            {
                output.Append(version.Name).Append(' ');
            }

            output.Append(version.Version).Append(" (").Append(version.Date).Append(")\n");
        }

        foreach (var section in model.Sections)
        {
            if (section.Name.Length > 0)
            {
                output.Append("\n## ").Append(section.Name).Append('\n');
            }

            output.Append('\n');
            if (section.Categories.Count == 0)
            {
                output.Append("No significant changes.\n\n");
                continue;
            }

            foreach (var category in section.Categories)
            {
                output.Append("### ").Append(category.Type.Name).Append("\n\n");
                foreach (var entry in category.Entries)
                {
                    AppendEntry(output, entry);
                }

                output.Append('\n');
                // Issues formatted as Markdown link references ("[#1]: https://...") are listed below the entries.
                if (category.Issues.Count > 0 && category.Issues[0].Contains("]: ", StringComparison.Ordinal))
                {
                    foreach (var issue in category.Issues)
                    {
                        output.Append(issue).Append('\n');
                    }

                    output.Append('\n');
                }
            }
        }

        output.Append('\n');
        return output.ToString();
    }

    private static void AppendEntry(StringBuilder output, ReleaseEntry entry)
    {
        output.Append("- ").Append(entry.Text);
        if (entry.Issues.Count > 0)
        {
            var text = entry.Text;
            if (text.Contains("\n  - ", StringComparison.Ordinal) || text.Contains("\n  * ", StringComparison.Ordinal))
            {
                output.Append("\n\n  (");
            }
            else if (text.Length > 0)
            {
                output.Append(" (");
            }

            for (var i = 0; i < entry.Issues.Count; i++)
            {
                if (i > 0)
                {
                    output.Append(", ");
                }

                var issue = entry.Issues[i];
                var link = issue.IndexOf(": ", StringComparison.Ordinal);
                output.Append(link >= 0 ? issue.AsSpan(0, link) : issue);
            }

            if (text.Length > 0)
            {
                output.Append(')');
            }
        }

        output.Append('\n');
    }
}
