namespace Slipway.Tests.Changelog;

/// <summary>Behaviours where towncrier 24.8.0 is lenient and Slipway follows it; each expected text is what towncrier 24.8.0 wrote for the same tree.</summary>
public sealed class TowncrierParityTests
{
    [Fact]
    public async Task A_news_file_without_the_start_marker_gets_the_release_at_its_top_and_keeps_its_text()
    {
        using var project = new ChangelogProjectDirectory().Fragment("1.feature.md", "New.\n");
        project.Directory.Write("CHANGELOG.md", "# Changelog\n\n## 1.0.0\n\nOld.\n");

        var result = await project.Build("--keep");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("# demo 1.2.3 (2026-11-26)\n\n### Features\n\n- New. (#1)\n\n\n# Changelog\n\n## 1.0.0\n\nOld.\n", project.Directory.Read("CHANGELOG.md"));
    }

    [Fact]
    public async Task Package_without_name_titles_the_package_name_as_python_does()
    {
        using var project = new ChangelogProjectDirectory("""
            [tool.towncrier]
            package = "my_pkg"
            filename = "NEWS.md"
            directory = "changes"
            """, createDirectory: false);
        project.Directory.Write("changes/3.bugfix.md", "Fixed.\n");
        project.Directory.Write("my_pkg/__init__.py", "__version__ = \"1.0.0\"\n");

        var result = await project.Run("draft", "--version", "1.0.0", "--date", "2026-11-26");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("# My_Pkg 1.0.0 (2026-11-26)\n\n", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_configured_template_inside_the_fragments_folder_is_no_fragment_whatever_its_case()
    {
        using var project = new ChangelogProjectDirectory(ChangelogProjectDirectory.DefaultConfig + "\ntemplate = \"changelog.d/.TEMPLATE.md\"")
            .Fragment("1.feature.md", "New.\n")
            .Fragment(".TEMPLATE.md", "{% for text, values in sections[\"\"][\"feature\"].items() %}{{ text }} {{ values|join(\", \") }}{% endfor %}\n");

        var result = await project.Draft();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("New. #1\n", result.Out);
    }
}
