using System.Text.RegularExpressions;
using Slipway.Configuration;
using Slipway.Files;

namespace Slipway.Changelog;

/// <summary>
/// Resolves <c>template</c>: towncrier's built-in <c>towncrier:default</c> renders natively (Markdown when the news file
/// is <c>.md</c>, reStructuredText otherwise); a file is a Liquid template. A Jinja2 file is refused with a clear
/// error rather than rendered into something that quietly differs.
/// </summary>
public static partial class TemplateSource
{
    private static readonly string[] JinjaExtensions = [".jinja", ".jinja2", ".j2"];

    // Constructs only Jinja has: comments, .items(), set, '+%}', filter calls with parentheses, Python calls.
    private static readonly string[] JinjaMarkers =
        ["{#", ".items()", "{% set ", "{%- set ", "+%}", "|length", "|join(", "| join(", ".split(", "{% macro ", "{% else if"];

    [GeneratedRegex(@"^[-\w.]+:[-\w.]+$")]
    private static partial Regex ResourceTemplate();

    [GeneratedRegex(@"\{%-?\s*for\s+\w+\s*,\s*\w+\s+in\s")]
    private static partial Regex JinjaTupleLoop();

    // Jinja's loop.last; Liquid's is forloop.last.
    [GeneratedRegex(@"(?<!for)\bloop\.\w")]
    private static partial Regex JinjaLoopVariable();

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
                    "is not a built-in template Slipway has; use towncrier:default (Markdown or reStructuredText) or a Liquid template file"),
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
        if (IsJinja(path, text))
        {
            throw ChangelogErrors.JinjaTemplate(template, settings.Origin);
        }

        return LiquidReleaseTemplate.Parse(template, text, IsMarkdownTemplate(path));
    }

    public static bool IsJinja(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return JinjaExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase)
            || JinjaMarkers.Any(m => text.Contains(m, StringComparison.Ordinal))
            || JinjaTupleLoop().IsMatch(text)
            || JinjaLoopVariable().IsMatch(text);
    }

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
