using Slipway.Cli;
using Slipway.Diagnostics;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Changelog;

/// <summary>The changelog commands on real repositories and files: build, check, create, defaults, configuration sources.</summary>
public sealed class ChangelogCommandTests
{
    private const string SlipwayToml = """
        [project]
        name = "demo"
        version = { file = "VERSION", pattern = '^(?<version>\S+)$' }

        [changelog]
        directory = "changelog.d"
        filename = "CHANGELOG.md"
        """;

    [Fact]
    public async Task Build_git_removes_tracked_fragments_deletes_untracked_ones_and_stages_the_news_file()
    {
        using var repository = GitTestRepository.Init();
        repository.Commit(
            "start",
            ("slipway.toml", SlipwayToml),
            ("VERSION", "1.4.0\n"),
            ("CHANGELOG.md", "# Changelog\n\n<!-- towncrier release notes start -->\n"),
            ("changelog.d/.gitkeep", string.Empty),
            ("changelog.d/1.feature.md", "Tracked.\n"));
        repository.Write("changelog.d/2.bugfix.md", "Untracked.\n");

        var result = await CliRunner.RunAsync(repository.Path, "changelog", "build", "--date", "2026-11-26");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("CHANGELOG.md", result.Out.Trim());
        Assert.Equal(
            "# Changelog\n\n<!-- towncrier release notes start -->\n\n# 1.4.0 (2026-11-26)\n\n### Features\n\n- Tracked. (#1)\n\n### Bugfixes\n\n- Untracked. (#2)\n",
            File.ReadAllText(Path.Combine(repository.Path, "CHANGELOG.md")));
        Assert.Equal([".gitkeep"], Directory.GetFiles(Path.Combine(repository.Path, "changelog.d")).Select(Path.GetFileName));
        var status = repository.Git("status", "--porcelain").Split('\n').Order(StringComparer.Ordinal);
        Assert.Equal(["D  changelog.d/1.feature.md", "M  CHANGELOG.md"], status);
    }

    [Fact]
    public async Task Build_keep_leaves_the_fragments()
    {
        using var project = new ChangelogProjectDirectory().Fragment("1.feature.md", "Kept.\n");

        var result = await project.Build("--keep");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(project.Directory["changelog.d/1.feature.md"]));
        Assert.Equal("# demo 1.2.3 (2026-11-26)\n\n### Features\n\n- Kept. (#1)\n", project.Directory.Read("CHANGELOG.md"));
    }

    [Fact]
    public async Task Build_creates_the_folders_of_a_per_release_file()
    {
        using var project = new ChangelogProjectDirectory("""
            [tool.towncrier]
            directory = "changelog.d"
            filename = "docs/notes/{version}.md"
            single_file = false
            title_format = false
            """).Fragment("7.bugfix.md", "Fixed.\n");

        var result = await project.Build();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("docs/notes/1.2.3.md", result.Out.Trim());
        // towncrier's template starts with a blank line when it renders no title.
        Assert.Equal("\n### Bugfixes\n\n- Fixed. (#7)\n", project.Directory.Read("docs/notes/1.2.3.md"));
        Assert.False(File.Exists(project.Directory["changelog.d/7.bugfix.md"]));
    }

    [Fact]
    public async Task Version_and_date_default_to_the_detected_version_and_today_utc()
    {
        using var directory = new TempDirectory();
        directory.Write("slipway.toml", SlipwayToml);
        directory.Write("VERSION", "3.0.1\n");
        directory.Write("changelog.d/5.feature.md", "Default version.\n");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost(output, error, new DictionaryEnvironment(new Dictionary<string, string>()), directory.Path, new FixedTime(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.FromHours(-5))));

        var exit = await SlipwayApp.RunAsync(["changelog", "draft"], host, TestContext.Current.CancellationToken);

        Assert.True(exit == 0, error.ToString());
        Assert.StartsWith("# 3.0.1 (2027-01-01)\n", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_tool_towncrier_from_pyproject()
    {
        using var project = new ChangelogProjectDirectory(
            """
            [project]
            name = "py"

            [tool.towncrier]
            directory = "changelog.d"
            filename = "NEWS.rst"
            issue_format = "`#{issue} <https://example.invalid/{issue}>`_"

            [tool.towncrier.fragment.chore]
            name = "Chores"
            showcontent = false

            [tool.towncrier.fragment.feature]
            """,
            "pyproject.toml")
            .Fragment("3.chore.md", "Hidden.\n")
            .Fragment("4.feature.md", "Shown.\n");

        var result = await project.Draft("--name", "py");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "py 1.2.3 (2026-11-26)\n=====================\n\nChores\n------\n\n- `#3 <https://example.invalid/3>`_\n\n\nFeature\n-------\n\n- Shown. (`#4 <https://example.invalid/4>`_)\n\n\n\n",
            result.Out);
    }

    [Fact]
    public async Task Custom_liquid_template_gets_towncrier_variables()
    {
        using var project = new ChangelogProjectDirectory(ChangelogProjectDirectory.DefaultConfig + "\ntemplate = \"notes.md.liquid\"")
            .Fragment("2.bugfix.md", "Fixed.\n")
            .Fragment("1.bugfix.md", "Fixed.\n")
            .Fragment("+x.feature.md", "Orphan.\n");
        project.Directory.Write(
            "notes.md.liquid",
            "## {{ versiondata.name }} {{ versiondata.version }}\n{% for section in sections %}{% for category in section.categories %}"
            + "### {{ definitions[category.key].name }}\n{% for entry in category.entries %}* {{ entry.text }}{% if entry.issues.size > 0 %} [{{ entry.issues | join: \", \" }}]{% endif %}\n{% endfor %}{% endfor %}{% endfor %}"
            + "{% for u in underlines %}{{ u }}{% if forloop.last %}.{% endif %}{% endfor %}\n");

        var result = await project.Draft();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("## demo 1.2.3\n### Features\n* Orphan.\n### Bugfixes\n* Fixed. [#1, #2]\n-~.\n\n", result.Out);
    }

    [Fact]
    public async Task Check_passes_on_valid_fragments()
    {
        using var project = new ChangelogProjectDirectory().Fragment("1.feature.md", "A.\n").Fragment("README.md", "How to write fragments.\n");

        var result = await project.Run("check");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("1 news fragment(s), all valid\n", result.Out);
    }

    [Fact]
    public async Task Check_base_nudges_when_source_grows_without_a_fragment_and_require_fails()
    {
        using var repository = ProjectRepository();
        repository.Commit("feature", ("src/Feature.cs", Lines(25)), ("tests/FeatureTests.cs", Lines(100)));

        var nudge = await CliRunner.RunAsync(repository.Path, "changelog", "check", "--base", "main~1");
        var required = await CliRunner.RunAsync(repository.Path, "changelog", "check", "--base", "main~1", "--require");

        Assert.True(nudge.ExitCode == 0, nudge.ToString());
        Assert.Contains($"warning {SlipwayException.FormatCode(ErrorCode.FragmentMissing)}: the change since main~1 adds 25 source lines but no news fragment", nudge.Err, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failed, required.ExitCode);
        Assert.Contains($"error {SlipwayException.FormatCode(ErrorCode.FragmentMissing)}", required.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_base_is_satisfied_by_a_new_fragment_even_unstaged()
    {
        using var repository = ProjectRepository();
        repository.Commit("feature", ("src/Feature.cs", Lines(40)));
        repository.Write("changelog.d/12.feature.md", "The feature.\n");

        var result = await CliRunner.RunAsync(repository.Path, "changelog", "check", "--base", "main~1", "--require");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("1 news fragment(s), all valid, 1 added since main~1\n", result.Out);
    }

    [Fact]
    public async Task Check_base_ignores_small_changes_and_tests_and_docs()
    {
        using var repository = ProjectRepository();
        repository.Commit("small", ("src/Small.cs", Lines(19)), ("docs/guide.md", Lines(300)), ("tests/Big.cs", Lines(300)));

        var result = await CliRunner.RunAsync(repository.Path, "changelog", "check", "--base", "main~1", "--require");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Err);
    }

    [Fact]
    public async Task Check_base_with_an_unknown_ref_is_an_error()
    {
        using var repository = ProjectRepository();

        var result = await CliRunner.RunAsync(repository.Path, "changelog", "check", "--base", "no-such-branch");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("cannot compare with 'no-such-branch'", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_base_that_looks_like_an_option_is_taken_as_a_ref_not_passed_to_git_as_an_option()
    {
        using var repository = ProjectRepository();
        var before = DirectorySnapshot.Take(repository.Path);

        var result = await CliRunner.RunAsync(repository.Path, "changelog", "check", "--base", "-x");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.StartsWith($"slipway: error {SlipwayException.FormatCode(ErrorCode.GitOperationFailed)}: cannot compare with '-x': fatal: Not a valid object name -x\n  hint: ", result.Err, StringComparison.Ordinal);
        Assert.Equal(2, result.Err.TrimEnd('\n').Split('\n').Length);
        Assert.Equal(before, DirectorySnapshot.Take(repository.Path));
    }

    [Fact]
    public async Task Config_option_is_a_path_relative_to_dash_C()
    {
        using var project = new ChangelogProjectDirectory().Fragment("1.feature.md", "New.\n");
        using var elsewhere = new TempDirectory();

        var result = await CliRunner.RunAsync(elsewhere.Path, "-C", project.Path, "changelog", "draft", "--config", "towncrier.toml", "--version", "1.2.3", "--date", "2026-11-26");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("# demo 1.2.3 (2026-11-26)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_writes_a_fragment_with_the_news_file_extension_and_a_final_newline()
    {
        using var project = new ChangelogProjectDirectory();

        var result = await project.Run("create", "12.feature", "--content", "Shiny.");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("changelog.d/12.feature.md", result.Out.Trim());
        Assert.Equal("Shiny.\n", project.Directory.Read("changelog.d/12.feature.md"));
    }

    [Fact]
    public async Task Create_adds_a_counter_instead_of_overwriting_even_for_an_equivalent_name()
    {
        using var project = new ChangelogProjectDirectory().Fragment("45.bugfix.md", "First.\n");

        var second = await project.Run("create", "045.bugfix.md", "--content", "Second.");
        var third = await project.Run("create", "45.bugfix", "--content", "Third.");

        Assert.Equal("changelog.d/045.bugfix.1.md", second.Out.Trim());
        Assert.Equal("changelog.d/45.bugfix.2.md", third.Out.Trim());
        Assert.Equal("First.\n", project.Directory.Read("changelog.d/45.bugfix.md"));
        var draft = await project.Draft();
        Assert.Equal(0, draft.ExitCode);
        Assert.All(["- First. (#45)\n", "- Second. (#45)\n", "- Third. (#45)\n"], line => Assert.Contains(line, draft.Out, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_refuses_an_unknown_category()
    {
        using var project = new ChangelogProjectDirectory();
        var before = project.Directory.Snapshot();

        var result = await project.Run("create", "12.feat", "--content", "Typo.");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains($"error {SlipwayException.FormatCode(ErrorCode.FragmentNameInvalid)}: '12.feat' is not a fragment name", result.Err, StringComparison.Ordinal);
        Assert.Equal(before, project.Directory.Snapshot());
    }

    [Fact]
    public async Task Create_names_a_bare_orphan_with_a_random_slug()
    {
        using var project = new ChangelogProjectDirectory();

        var result = await project.Run("create", "+.misc", "--content", "No issue.");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^changelog\.d/\+[0-9a-f]{8}\.misc\.md$", result.Out.Trim());
    }

    private static GitTestRepository ProjectRepository()
    {
        var repository = GitTestRepository.Init();
        repository.Commit(
            "start",
            ("slipway.toml", SlipwayToml),
            ("VERSION", "1.0.0\n"),
            ("changelog.d/.gitkeep", string.Empty));
        return repository;
    }

    private static string Lines(int count) => string.Concat(Enumerable.Range(1, count).Select(i => $"line {i}\n"));

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
