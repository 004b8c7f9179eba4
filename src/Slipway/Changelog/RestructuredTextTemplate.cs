using System.Text;

namespace Slipway.Changelog;

/// <summary>towncrier 24.8's <c>default.rst</c>, written out byte for byte without a template engine.</summary>
public sealed class RestructuredTextTemplate : IReleaseTemplate
{
    public static RestructuredTextTemplate Instance { get; } = new();

    public bool IsMarkdown => false;

    public string Render(ReleaseModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var output = new StringBuilder(4096);
        var version = model.VersionData;
        if (model.RenderTitle)
        {
            var title = version.Name.Length > 0
                ? $"{version.Name} {version.Version} ({version.Date})"
                : $"{version.Version} ({version.Date})";
            output.Append(title).Append('\n');
            AppendUnderline(output, model.TopUnderline, PythonText.Length(title)).Append('\n');
        }

        foreach (var section in model.Sections)
        {
            var underline = model.Underlines[0];
            if (section.Name.Length > 0)
            {
                output.Append(section.Name).Append('\n');
                AppendUnderline(output, underline, PythonText.Length(section.Name)).Append("\n\n");
                underline = model.Underlines.Count > 1 ? model.Underlines[1] : string.Empty;
            }

            output.Append('\n');
            if (section.Categories.Count == 0)
            {
                output.Append("No significant changes.\n\n\n");
                continue;
            }

            foreach (var category in section.Categories)
            {
                output.Append(category.Type.Name).Append('\n');
                AppendUnderline(output, underline, PythonText.Length(category.Type.Name)).Append("\n\n");
                foreach (var entry in category.Entries)
                {
                    output.Append("- ");
                    if (entry.Text.Length > 0)
                    {
                        output.Append(entry.Text);
                        if (entry.Issues.Count > 0)
                        {
                            output.Append(" (").AppendJoin(", ", entry.Issues).Append(')');
                        }
                    }
                    else
                    {
                        output.AppendJoin(", ", entry.Issues);
                    }

                    output.Append('\n');
                }

                output.Append("\n\n");
            }
        }

        return output.ToString();
    }

    // Jinja's "underline * n" repeats the whole string, whatever its length.
    private static StringBuilder AppendUnderline(StringBuilder output, string underline, int count)
    {
        for (var i = 0; i < count; i++)
        {
            output.Append(underline);
        }

        return output;
    }
}
