using Slipway.Diagnostics;

namespace Slipway.Tests.Changelog;

/// <summary>towncrier keys that change which files are fragments and what a release is called.</summary>
public sealed class ChangelogSettingsTests
{
    [Fact]
    public async Task Ignore_patterns_skip_files_case_insensitively()
    {
        using var project = new ChangelogProjectDirectory(ChangelogProjectDirectory.DefaultConfig + "\nignore = [\"*.TXT\", \"draft-*\"]")
            .Fragment("1.feature.md", "Counted.\n")
            .Fragment("notes.txt", "Ignored.\n")
            .Fragment("Draft-idea", "Ignored.\n");

        var result = await project.Draft();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("# demo 1.2.3 (2026-11-26)\n\n### Features\n\n- Counted. (#1)\n\n\n\n", result.Out);
    }

    [Fact]
    public async Task Issue_pattern_refuses_an_issue_that_does_not_match()
    {
        using var project = new ChangelogProjectDirectory(ChangelogProjectDirectory.DefaultConfig + "\nissue_pattern = \"\\\\d+\"")
            .Fragment("12.feature.md", "Fine.\n")
            .Fragment("+orphan.feature.md", "Orphans carry no issue.\n")
            .Fragment("gh-3.bugfix.md", "Not a number.\n");

        var result = await project.Draft();

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains($"error {SlipwayException.FormatCode(ErrorCode.IssuePatternMismatch)}: changelog.d/gh-3.bugfix.md: issue 'gh-3' does not match", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_without_directory_reads_package_newsfragments_and_names_the_release()
    {
        using var project = new ChangelogProjectDirectory("""
            [tool.towncrier]
            package = "acme"
            package_dir = "src"
            filename = "NEWS.md"
            version = "4.5.6"
            """, createDirectory: false);
        project.Directory.Write("src/acme/newsfragments/9.doc.md", "Documented.\n");

        var result = await project.Run("draft", "--date", "2026-11-26");

        Assert.True(result.ExitCode == 0, result.ToString());
        // towncrier 24.8 titles the package name when no name is configured.
        Assert.Equal("# Acme 4.5.6 (2026-11-26)\n\n### Improved Documentation\n\n- Documented. (#9)\n\n\n\n", result.Out);
    }

    [Fact]
    public async Task Title_format_string_replaces_the_template_title()
    {
        using var project = new ChangelogProjectDirectory(ChangelogProjectDirectory.DefaultConfig + "\ntitle_format = \"## [{version}] - {project_date}\"")
            .Fragment("3.removal.md", "Gone.\n");

        var result = await project.Draft();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("## [1.2.3] - 2026-11-26\n\n### Deprecations and Removals\n\n- Gone. (#3)\n\n\n\n", result.Out);
    }
}
