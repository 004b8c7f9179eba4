using Slipway.Changelog.Jinja;

namespace Slipway.Changelog;

/// <summary>
/// A custom towncrier template in Jinja2, given exactly what towncrier 24.8's <c>render_fragments</c> gives it:
/// <c>render_title</c>, <c>sections</c> (section → category → text → issues), <c>definitions</c>, <c>underlines</c>,
/// <c>versiondata</c>, <c>top_underline</c>, <c>get_indent</c> and <c>issues_by_category</c>.
/// </summary>
public sealed class JinjaReleaseTemplate : IReleaseTemplate
{
    private readonly string _name;
    private readonly JinjaTemplate _template;

    private JinjaReleaseTemplate(string name, JinjaTemplate template, bool isMarkdown)
    {
        _name = name;
        _template = template;
        IsMarkdown = isMarkdown;
    }

    public bool IsMarkdown { get; }

    public static JinjaReleaseTemplate Parse(string name, string text, bool isMarkdown)
    {
        try
        {
            return new JinjaReleaseTemplate(name, JinjaTemplate.Parse(text), isMarkdown);
        }
        catch (JinjaException e)
        {
            throw ChangelogErrors.Jinja(name, e.Failure, e.Line, e.Message);
        }
    }

    public string Render(ReleaseModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        try
        {
            return _template.Render(Context(model));
        }
        catch (JinjaException e)
        {
            throw ChangelogErrors.Jinja(_name, e.Failure, e.Line, e.Message);
        }
    }

    private static Dictionary<string, object?> Context(ReleaseModel model)
    {
        var sections = new JinjaDict(model.Sections.Count);
        var issuesByCategory = new JinjaDict(model.Sections.Count);
        foreach (var section in model.Sections)
        {
            var byKey = section.Categories.ToDictionary(c => c.Type.Key, StringComparer.Ordinal);
            var categories = new JinjaDict(byKey.Count);
            var issues = new JinjaDict(byKey.Count);
            foreach (var key in section.ListedCategories)
            {
                var category = byKey[key];
                var texts = new JinjaDict(category.Entries.Count);
                foreach (var entry in category.Entries)
                {
                    texts.Add(entry.Text, entry.Issues.Select(i => (object?)i).ToList());
                }

                categories.Add(key, texts);
                issues.Add(key, category.Issues.Select(i => (object?)i).ToList());
            }

            sections.Add(section.Name, categories);
            issuesByCategory.Add(section.Name, issues);
        }

        var definitions = new JinjaDict(model.Definitions.Count);
        foreach (var type in model.Definitions)
        {
            var definition = new JinjaDict(3);
            definition.Add("name", type.Name);
            definition.Add("showcontent", type.ShowContent);
            definition.Add("check", type.Check);
            definitions.Add(type.Key, definition);
        }

        var versionData = new JinjaDict(3);
        versionData.Add("name", model.VersionData.Name);
        versionData.Add("version", model.VersionData.Version);
        versionData.Add("date", model.VersionData.Date);
        var allBullets = model.AllBullets;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["render_title"] = model.RenderTitle,
            ["sections"] = sections,
            ["definitions"] = definitions,
            ["underlines"] = model.Underlines.Select(u => (object?)u).ToList(),
            ["versiondata"] = versionData,
            ["top_underline"] = model.TopUnderline,
            ["get_indent"] = new JinjaCallable("get_indent", (args, kwargs) =>
            {
                var text = JinjaMethods.Text(JinjaArguments.Bind("get_indent", args, kwargs, 1, "text")[0]);
                return allBullets || text.StartsWith("- ", StringComparison.Ordinal) || text.StartsWith("* ", StringComparison.Ordinal)
                    ? "  "
                    : text.StartsWith("#. ", StringComparison.Ordinal) ? "   " : string.Empty;
            }),
            ["issues_by_category"] = issuesByCategory,
        };
    }
}
