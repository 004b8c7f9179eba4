using Fluid;
using Fluid.Values;

namespace Slipway.Changelog;

/// <summary>
/// A custom template in Liquid (Fluid), given the variables towncrier gives its Jinja templates: <c>render_title</c>,
/// <c>versiondata</c>, <c>top_underline</c>, <c>underlines</c>, <c>definitions</c>, <c>sections</c> and
/// <c>issues_by_category</c>. Liquid cannot iterate a dictionary's pairs in order, so <c>sections</c> is an ordered
/// list of <c>{ name, categories: [{ key, name, showcontent, entries: [{ text, issues }], issues }] }</c>; the
/// towncrier-shaped lookups stay available as <c>sections_by_name[section][category][text]</c>.
/// </summary>
public sealed class LiquidReleaseTemplate : IReleaseTemplate
{
    private static readonly FluidParser Parser = new();

    private readonly IFluidTemplate _template;
    private readonly string _name;

    private LiquidReleaseTemplate(string name, IFluidTemplate template, bool isMarkdown)
    {
        _name = name;
        _template = template;
        IsMarkdown = isMarkdown;
    }

    public bool IsMarkdown { get; }

    public static LiquidReleaseTemplate Parse(string name, string text, bool isMarkdown) =>
        Parser.TryParse(text, out var template, out var error)
            ? new LiquidReleaseTemplate(name, template, isMarkdown)
            : throw ChangelogErrors.TemplateInvalid(name, $"not a valid Liquid template: {FirstLine(error)}");

    public string Render(ReleaseModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var options = new TemplateOptions();
        var context = new TemplateContext(options);
        context.SetValue("render_title", BooleanValue.Create(model.RenderTitle));
        context.SetValue("top_underline", new StringValue(model.TopUnderline));
        context.SetValue("underlines", new ArrayValue([.. model.Underlines.Select(u => (FluidValue)new StringValue(u))]));
        context.SetValue("versiondata", Value(new Dictionary<string, object?>
        {
            ["name"] = model.VersionData.Name,
            ["version"] = model.VersionData.Version,
            ["date"] = model.VersionData.Date,
        }, options));
        context.SetValue("definitions", Value(model.Definitions.ToDictionary(
            d => d.Key,
            d => (object?)new Dictionary<string, object?> { ["name"] = d.Name, ["showcontent"] = d.ShowContent, ["check"] = d.Check }), options));
        context.SetValue("sections", Value(model.Sections.Select(s => (object?)new Dictionary<string, object?>
        {
            ["name"] = s.Name,
            ["categories"] = s.Categories.Select(c => (object?)new Dictionary<string, object?>
            {
                ["key"] = c.Type.Key,
                ["name"] = c.Type.Name,
                ["showcontent"] = c.Type.ShowContent,
                ["entries"] = c.Entries.Select(e => (object?)new Dictionary<string, object?> { ["text"] = e.Text, ["issues"] = e.Issues.ToList() }).ToList(),
                ["issues"] = c.Issues.ToList(),
            }).ToList(),
        }).ToList(), options));
        context.SetValue("sections_by_name", Value(model.Sections.ToDictionary(
            s => s.Name,
            s => (object?)s.Categories.ToDictionary(
                c => c.Type.Key,
                c => (object?)c.Entries.ToDictionary(e => e.Text, e => (object?)e.Issues.ToList()))), options));
        context.SetValue("issues_by_category", Value(model.Sections.ToDictionary(
            s => s.Name,
            s => (object?)s.Categories.ToDictionary(c => c.Type.Key, c => (object?)c.Issues.ToList())), options));
        try
        {
            return _template.Render(context);
        }
        catch (InvalidOperationException e)
        {
            throw ChangelogErrors.TemplateInvalid(_name, $"rendering failed: {e.Message}");
        }
    }

    private static FluidValue Value(object? value, TemplateOptions options) => FluidValue.Create(value, options);

    // Fluid appends "Source:" and the template's text on further lines; an error is one line, and the position says where.
    private static string FirstLine(string error) => error.Split('\n', 2)[0].TrimEnd('\r');
}
