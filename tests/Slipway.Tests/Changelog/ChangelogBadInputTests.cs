using Slipway.Diagnostics;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Changelog;

/// <summary>Every bad input of the changelog: a clear error naming the file, exit code 2, and nothing written.</summary>
public sealed class ChangelogBadInputTests
{
    public static TheoryData<string> Commands => ["draft", "build", "check"];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Unknown_category_is_an_error_naming_the_file_and_the_known_categories(string command)
    {
        using var project = new ChangelogProjectDirectory()
            .Fragment("11.feature.md", "Fine.\n")
            .Fragment("12.feat.md", "Typo in the category.\n");

        var result = await Run(project, command);

        AssertFailed(result, ErrorCode.FragmentUnknownCategory, "changelog.d/12.feat.md: unknown category 'feat' (known: feature, bugfix, doc, removal, misc)");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_misnamed_file_is_listed(string command)
    {
        using var project = new ChangelogProjectDirectory()
            .Fragment("12.feat.md", "Typo.\n")
            .Fragment("13.bugfx.md", "Typo.\n")
            .Fragment("notes", "No dot at all.\n");

        var result = await Run(project, command);

        AssertFailed(result, ErrorCode.FragmentUnknownCategory, "3 news fragments are misnamed");
        Assert.Contains("changelog.d/12.feat.md: unknown category 'feat'", result.Err, StringComparison.Ordinal);
        Assert.Contains("changelog.d/13.bugfx.md: unknown category 'bugfx'", result.Err, StringComparison.Ordinal);
        Assert.Contains("changelog.d/notes: no category", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_name_without_a_category_is_an_error(string command)
    {
        using var project = new ChangelogProjectDirectory().Fragment("changes", "No dot.\n");

        var result = await Run(project, command);

        AssertFailed(result, ErrorCode.FragmentNameInvalid, "changelog.d/changes: no category");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Fragments_resolving_to_the_same_issue_category_and_counter_collide(string command)
    {
        using var project = new ChangelogProjectDirectory()
            .Fragment("45.bugfix.md", "One.\n")
            .Fragment("045.bugfix.md", "Two.\n");

        var result = await Run(project, command);

        AssertFailed(result, ErrorCode.FragmentCollision, "are the same fragment (issue '45', category 'bugfix', counter 0)");
        Assert.Contains("changelog.d/45.bugfix.md", result.Err, StringComparison.Ordinal);
        Assert.Contains("changelog.d/045.bugfix.md", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_missing_fragments_directory_is_an_error(string command)
    {
        using var project = new ChangelogProjectDirectory(createDirectory: false);

        var result = await Run(project, command);

        AssertFailed(result, ErrorCode.FragmentsDirectoryMissing, "changelog.d: the fragments directory (from towncrier.toml) does not exist");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_fragment_that_is_not_utf8_is_an_error(string command)
    {
        using var project = new ChangelogProjectDirectory().Fragment("1.feature.md", "Fine.\n");
        File.WriteAllBytes(project.Directory["changelog.d/2.bugfix.md"], [0x43, 0x61, 0x66, 0xE9, 0x0A]);

        var result = await Run(project, command);

        AssertFailed(result, ErrorCode.FragmentNotUtf8, "changelog.d/2.bugfix.md: not valid UTF-8");
    }

    [Fact]
    public async Task A_dangling_fragment_link_is_an_error()
    {
        using var project = new ChangelogProjectDirectory().Fragment("1.feature.md", "Fine.\n");
        File.CreateSymbolicLink(project.Directory["changelog.d/2.bugfix.md"], project.Directory["changelog.d/nowhere.md"]);

        // (Draft writes nothing; the snapshot helper cannot read a dangling link either.)
        var result = await project.Draft();

        AssertFailed(result, ErrorCode.FragmentLinkBroken, "changelog.d/2.bugfix.md is a link to changelog.d/nowhere.md, which does not exist");
    }

    [Fact]
    public async Task A_filename_without_version_is_an_error_when_each_release_has_its_own_file()
    {
        using var project = new ChangelogProjectDirectory("""
            [tool.towncrier]
            directory = "changelog.d"
            filename = "docs/release-notes.md"
            single_file = false
            """).Fragment("1.feature.md", "New.\n");
        var before = project.Directory.Snapshot();

        var result = await project.Build();

        AssertFailed(result, ErrorCode.NewsFilenameWithoutVersion, "filename 'docs/release-notes.md' has no {version} but single_file = false");
        Assert.Equal(before, project.Directory.Snapshot());
    }

    [Fact]
    public async Task A_release_already_in_the_file_is_not_written_twice()
    {
        using var project = new ChangelogProjectDirectory(ChangelogProjectDirectory.DefaultConfig + "\ntitle_format = \"## {version} ({project_date})\"")
            .Fragment("1.feature.md", "New.\n");
        project.Directory.Write("CHANGELOG.md", "# Changelog\n\n<!-- towncrier release notes start -->\n\n## 1.2.3 (2026-11-26)\n\nOld.\n");
        var before = project.Directory.Snapshot();

        var result = await project.Build();

        AssertFailed(result, ErrorCode.ReleaseAlreadyInNewsFile, "CHANGELOG.md already holds '## 1.2.3 (2026-11-26)'");
        Assert.Equal(before, project.Directory.Snapshot());
    }

    [Theory]
    [InlineData("single_file = \"yes\"", "'tool.towncrier.single_file' must be true or false, not a string")]
    [InlineData("underlines = \"=-~\"", "'tool.towncrier.underlines' must be an array of strings, not a string")]
    [InlineData("title_format = true", "'tool.towncrier.title_format' must be a string or false, not a boolean")]
    [InlineData("wrap = 1", "'tool.towncrier.wrap' must be true or false, not an integer")]
    public async Task A_configuration_key_of_the_wrong_type_is_an_error(string line, string message)
    {
        using var project = new ChangelogProjectDirectory(ChangelogProjectDirectory.DefaultConfig + "\n" + line).Fragment("1.feature.md", "New.\n");

        var result = await Run(project, "draft");

        AssertFailed(result, ErrorCode.ConfigWrongType, message);
        Assert.Contains("towncrier.toml:", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_configuration_key_is_an_error_with_a_suggestion()
    {
        using var project = new ChangelogProjectDirectory(ChangelogProjectDirectory.DefaultConfig + "\nsinglefile = false");

        var result = await Run(project, "draft");

        AssertFailed(result, ErrorCode.ConfigUnknownKey, "unknown key 'tool.towncrier.singlefile', did you mean 'single_file'?");
    }

    [Fact]
    public async Task A_liquid_template_with_a_syntax_error_is_one_error_line_and_writes_nothing()
    {
        using var project = new ChangelogProjectDirectory(ChangelogProjectDirectory.DefaultConfig + "\ntemplate = \"notes.liquid\"")
            .Fragment("1.feature.md", "New.\n");
        project.Directory.Write("notes.liquid", "{% for x in %}\n");
        var before = project.Directory.Snapshot();

        var result = await project.Build();

        AssertFailed(result, ErrorCode.ChangelogTemplateInvalid, "notes.liquid: not a valid Liquid template: Invalid 'for' tag at (1:7)");
        Assert.Equal(["slipway: error SLW3011: notes.liquid: not a valid Liquid template: Invalid 'for' tag at (1:7)"], result.Err.TrimEnd('\n').Split('\n'));
        Assert.Equal(before, project.Directory.Snapshot());
    }

    [Fact]
    public async Task A_date_that_is_not_a_date_is_an_error()
    {
        using var project = new ChangelogProjectDirectory().Fragment("1.feature.md", "New.\n");

        var result = await project.Run("draft", "--version", "1.0.0", "--date", "26/11/2026");

        AssertFailed(result, ErrorCode.ChangelogDateInvalid, "'26/11/2026' is not a date");
    }

    [Fact]
    public async Task No_configuration_is_an_error()
    {
        using var directory = new TempDirectory();

        var result = await CliRunner.RunAsync(directory.Path, "changelog", "draft", "--version", "1.0.0");

        AssertFailed(result, ErrorCode.ChangelogConfigNotFound, "no changelog configuration found");
    }

    private static async Task<CliResult> Run(ChangelogProjectDirectory project, string command)
    {
        var before = project.Directory.Snapshot();
        var result = command == "check" ? await project.Run("check") : command == "build" ? await project.Build() : await project.Draft();
        Assert.Equal(before, project.Directory.Snapshot());
        return result;
    }

    private static void AssertFailed(CliResult result, ErrorCode code, string message)
    {
        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        Assert.Contains($"error {SlipwayException.FormatCode(code)}: ", result.Err, StringComparison.Ordinal);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }
}
