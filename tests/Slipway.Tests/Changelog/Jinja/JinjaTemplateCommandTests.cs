using Slipway.Diagnostics;

namespace Slipway.Tests.Changelog.Jinja;

/// <summary>A custom Jinja2 template through the command line: rendered, or refused with one coded line and nothing written.</summary>
public sealed class JinjaTemplateCommandTests
{
    [Theory]
    [InlineData("template.md", "{% for section, _ in sections.items() %}[{{ section }}]{% endfor %}", "[]")]
    [InlineData("template.md", "{% for text, values in sections[''].feature.items() %}{{ text }} {{ values|join(', ') }}{% endfor %}", "New. #1")]
    [InlineData("template.md", "{% for issue in issues_by_category['']['feature'] %}{{ issue }}{% if not loop.last %}, {% endif %}{% endfor %}", "#1")]
    [InlineData("template.md.j2", "{{ versiondata.version }}", "1.2.3")]
    public async Task A_jinja_template_in_the_fragments_folder_renders_and_is_no_fragment(string file, string template, string expected)
    {
        using var project = new ChangelogProjectDirectory(ChangelogProjectDirectory.DefaultConfig + $"\ntemplate = \"changelog.d/{file}\"")
            .Fragment("1.feature.md", "New.\n")
            .Fragment(file, template + "\n");

        var result = await project.Draft();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected + "\n", result.Out);
    }

    [Theory]
    [InlineData("{% for x in sections %}\n{% macro m() %}{% endmacro %}\n{% endfor %}", ErrorCode.JinjaConstructUnsupported, "template.md:2: the '{% macro %}' tag is outside the Jinja2 subset Slipway renders")]
    [InlineData("line one\n{{ versiondata.version|wordwrap }}", ErrorCode.JinjaConstructUnsupported, "template.md:2: the filter 'wordwrap' is outside the Jinja2 subset Slipway renders")]
    [InlineData("{% if %}", ErrorCode.JinjaSyntaxInvalid, "template.md:1: not a valid Jinja2 template: Expected an expression, got end of statement block")]
    [InlineData("{{ x|nosuchfilter }}", ErrorCode.JinjaSyntaxInvalid, "template.md:1: not a valid Jinja2 template: No filter named 'nosuchfilter'.")]
    [InlineData("\n\n{{ version.name }}", ErrorCode.JinjaUndefinedValue, "template.md:3: 'version' is undefined, and Jinja2 fails on that use of an undefined value")]
    [InlineData("{{ versiondata.nope.x }}", ErrorCode.JinjaUndefinedValue, "template.md:1: 'dict object' has no attribute 'nope', and Jinja2 fails on that use of an undefined value")]
    [InlineData("{{ versiondata.version + 1 }}", ErrorCode.JinjaRenderFailed, "template.md:1: the template fails as it would in Jinja2: unsupported operand type(s) for +: 'str' and 'int'")]
    public async Task A_template_jinja_cannot_render_or_slipway_does_not_is_one_coded_line_exit_2_and_writes_nothing(string template, ErrorCode code, string message)
    {
        using var project = new ChangelogProjectDirectory(ChangelogProjectDirectory.DefaultConfig + "\ntemplate = \"template.md\"")
            .Fragment("1.feature.md", "New.\n");
        project.Directory.Write("template.md", template + "\n");
        var before = project.Directory.Snapshot();

        var result = await project.Build();

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"slipway: error SLW{(int)code}: {message}"], result.Err.TrimEnd('\n').Split('\n').Where(l => l.StartsWith("slipway:", StringComparison.Ordinal)));
        Assert.Equal(before, project.Directory.Snapshot());
    }
}
