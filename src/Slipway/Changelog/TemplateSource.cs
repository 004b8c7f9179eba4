using System.Text.RegularExpressions;
using Slipway.Configuration;
using Slipway.Files;

namespace Slipway.Changelog;

/// <summary>
/// Resolves <c>template</c>: towncrier's built-in <c>towncrier:default</c> renders natively (Markdown when the news file
/// is <c>.md</c>, reStructuredText otherwise); a file ending in <c>.liquid</c> is a Liquid template; any other file is
/// Jinja2, as towncrier reads it.
/// </summary>
public static partial class TemplateSource
{
    [GeneratedRegex(@"^[-\w.]+:[-\w.]+$")]
    private static partial Regex ResourceTemplate();

    public static bool IsBuiltIn(string template) => ResourceTemplate().IsMatch(template);

    public static IReleaseTemplate Resolve(ChangelogSection settings, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var template = settings.Template;
        if (IsBuiltIn(template))
        {
            var (package, resource) = (template[..template.IndexOf(':', StringComparison.Ordinal)], template[(template.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            if (Path.GetExtension(resource).Length == 0)
            {
                resource += settings.IsMarkdown ? ".md" : ".rst";
            }

            return (package, resource) switch
            {
                ("towncrier", "default.md") => MarkdownTemplate.Instance,
                ("towncrier", "default.rst") => RestructuredTextTemplate.Instance,
                _ => throw ChangelogErrors.TemplateInvalid(
                    template,
                    "is not a built-in template Slipway has; use towncrier:default (Markdown or reStructuredText) or a template file (Jinja2, or Liquid when it ends in .liquid)"),
            };
        }

        var path = Path.GetFullPath(Path.Combine(baseDirectory, template));
        var text = RepositoryFile.ReadAllText(
            path,
            template,
            FileBoundary.Repository(baseDirectory),
            settings.MaxFileSize,
            () => ChangelogErrors.TemplateInvalid(template, $"the template file (from {settings.Origin}) does not exist"),
            ChangelogErrors.MaxFileSizeHint);
        return IsLiquid(path)
            ? LiquidReleaseTemplate.Parse(template, text, IsMarkdownTemplate(path))
            : JinjaReleaseTemplate.Parse(template, text, Path.GetExtension(path).Equals(".md", StringComparison.OrdinalIgnoreCase));
    }

    public static bool IsLiquid(string path) => path.EndsWith(".liquid", StringComparison.OrdinalIgnoreCase);

    // towncrier decides Markdown by the template's extension; "notes.md.liquid" counts as Markdown too.
    private static bool IsMarkdownTemplate(string path)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(".liquid", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^".liquid".Length];
        }

        return Path.GetExtension(name).Equals(".md", StringComparison.OrdinalIgnoreCase);
    }
}
