using System.Text;
using Slipway.Configuration;

namespace Slipway.Changelog;

/// <summary>
/// Turns fragments into the text of one release exactly as <c>towncrier build</c> 24.8 does: the template's output,
/// wrapped at 79 columns when <c>wrap = true</c>, under the <c>title_format</c> line when one is configured.
/// </summary>
public static class ReleaseRenderer
{
    public static RenderedRelease Render(ChangelogSection settings, IReadOnlyList<Fragment> fragments, VersionData version, IReleaseTemplate template)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(template);
        var sections = ReleaseComposer.Compose(settings, fragments);
        var model = new ReleaseModel(
            sections,
            settings.Types,
            version,
            RenderTitle: settings.TitleFormat is { Length: 0 },
            TopUnderline: settings.Underlines[0],
            Underlines: [.. settings.Underlines.Skip(1)],
            AllBullets: settings.AllBullets);
        var body = template.Render(model);
        if (settings.Wrap)
        {
            body = Wrap(body, settings.AllBullets);
        }

        if (string.IsNullOrEmpty(settings.TitleFormat))
        {
            return new RenderedRelease(body, string.Empty);
        }

        var topLine = TitleLine(settings, settings.TitleFormat, version);
        var content = new StringBuilder(body.Length + topLine.Length * 2 + 4).Append(topLine).Append('\n');
        if (!template.IsMarkdown)
        {
            for (var i = 0; i < PythonText.Length(topLine); i++)
            {
                content.Append(settings.Underlines[0]);
            }

            content.Append('\n');
        }

        return new RenderedRelease(content.Append(body).ToString(), topLine);
    }

    /// <summary>Fields of <c>title_format</c> and <c>filename</c>, as towncrier names them.</summary>
    public static IReadOnlyDictionary<string, string> Fields(VersionData version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = version.Name,
            ["version"] = version.Version,
            ["project_date"] = version.Date,
        };
    }

    private static string TitleLine(ChangelogSection settings, string format, VersionData version) =>
        PythonFormat.TryApply(format, Fields(version), out var line, out var error)
            ? line
            : throw ChangelogErrors.FormatInvalid(settings.Origin, "title_format", format, error);

    private static string Wrap(string body, bool allBullets)
    {
        var lines = body.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var indent = allBullets || line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal)
                ? "  "
                : line.StartsWith("#. ", StringComparison.Ordinal) ? "   " : string.Empty;
            lines[i] = TextWrap.Fill(line, indent);
        }

        return string.Join('\n', lines);
    }
}
