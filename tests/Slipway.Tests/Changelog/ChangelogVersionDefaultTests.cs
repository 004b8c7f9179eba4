using Slipway.Diagnostics;

namespace Slipway.Tests.Changelog;

/// <summary>
/// <c>changelog build</c> and <c>draft</c> without <c>--version</c>: slipway.toml's version source, else (as towncrier
/// 24.8) the configured package's version, read without running the project's code; else an error that writes nothing.
/// </summary>
public sealed class ChangelogVersionDefaultTests
{
    private const string PackageConfig = """
        [tool.towncrier]
        package = "mypkg"
        package_dir = "src"
        directory = "changelog.d"
        filename = "NEWS.rst"
        """;

    // towncrier 24.8.0 (run from its source tag) prints this for the project of Package_version_from_an_imported_version_module.
    private const string TowncrierDraft = "Mypkg 4.0.0a2 (2026-11-26)\n==========================\n\nFeatures\n--------\n\n- Added a thing. (#7)\n\n\n\n";

    [Fact]
    public async Task Build_and_draft_without_version_use_the_slipway_toml_version_source_beside_towncrier_toml()
    {
        using var project = new ChangelogProjectDirectory().Fragment("1.feature.md", "Shipped.\n");
        project.Directory.Write("slipway.toml", "[project]\nname = \"demo\"\nversion = { toml = \"pyproject.toml\" }\n");
        project.Directory.Write("pyproject.toml", "[project]\nname = \"demo\"\nversion = \"2.0.0-rc1\"\n");

        var draft = await project.Run("draft", "--date", "2026-11-26");
        var build = await project.Run("build", "--date", "2026-11-26");

        Assert.True(draft.ExitCode == 0, draft.ToString());
        Assert.StartsWith("# demo 2.0.0rc1 (2026-11-26)\n", draft.Out, StringComparison.Ordinal);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal("# demo 2.0.0rc1 (2026-11-26)\n\n### Features\n\n- Shipped. (#1)\n", project.Directory.Read("CHANGELOG.md"));
    }

    [Fact]
    public async Task Package_version_from_init_py()
    {
        using var project = new ChangelogProjectDirectory(PackageConfig).Fragment("7.feature.rst", "Added a thing.\n");
        project.Directory.Write("src/mypkg/__init__.py", "\"\"\"Doc.\"\"\"\n\n__version__ = \"4.0.0a2\"  # the release\n");

        var draft = await project.Run("draft", "--date", "2026-11-26");

        Assert.True(draft.ExitCode == 0, draft.ToString());
        Assert.Equal(TowncrierDraft, draft.Out);
    }

    [Fact]
    public async Task Package_version_from_an_imported_version_module()
    {
        using var project = new ChangelogProjectDirectory(PackageConfig).Fragment("7.feature.rst", "Added a thing.\n");
        project.Directory.Write("src/mypkg/__init__.py", "\"\"\"Doc.\"\"\"\nfrom ._version import __version__\n");
        project.Directory.Write("src/mypkg/_version.py", "__version__ = version = '4.0.0a2'\n");

        var draft = await project.Run("draft", "--date", "2026-11-26");
        var build = await project.Run("build", "--date", "2026-11-26");

        Assert.True(draft.ExitCode == 0, draft.ToString());
        Assert.Equal(TowncrierDraft, draft.Out);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.StartsWith("Mypkg 4.0.0a2 (2026-11-26)\n", project.Directory.Read("NEWS.rst"), StringComparison.Ordinal);
        Assert.False(File.Exists(project.Directory["changelog.d/7.feature.rst"]));
    }

    [Fact]
    public async Task Package_version_tuple_is_joined_with_dots_as_towncrier_does()
    {
        using var project = new ChangelogProjectDirectory(PackageConfig).Fragment("7.feature.rst", "Added a thing.\n");
        project.Directory.Write("src/mypkg/__init__.py", "__version__ = (1, 2, 3)\n");

        var draft = await project.Run("draft", "--date", "2026-11-26");

        Assert.True(draft.ExitCode == 0, draft.ToString());
        Assert.StartsWith("Mypkg 1.2.3 (2026-11-26)\n", draft.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_version_from_the_project_metadata_of_the_same_name()
    {
        using var project = new ChangelogProjectDirectory(
            "[project]\nname = \"My-Pkg\"\nversion = \"3.1\"\n\n[tool.towncrier]\npackage = \"my_pkg\"\ndirectory = \"changelog.d\"\nfilename = \"NEWS.rst\"",
            "pyproject.toml").Fragment("7.feature.rst", "Added a thing.\n");

        var draft = await project.Run("draft", "--date", "2026-11-26");

        Assert.True(draft.ExitCode == 0, draft.ToString());
        Assert.StartsWith("My_Pkg 3.1 (2026-11-26)\n", draft.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("__version__ = importlib.metadata.version(\"mypkg\")\n", "computes __version__")]
    [InlineData("VERSION = \"1.0\"\n", "sets no __version__")]
    [InlineData("from ._version import __version__\n", "does not exist")]
    [InlineData(null, "has no src/mypkg/__init__.py")]
    public async Task Package_version_that_only_code_can_give_is_an_error_and_nothing_is_written(string? init, string reason)
    {
        using var project = new ChangelogProjectDirectory(PackageConfig).Fragment("7.feature.rst", "Added a thing.\n");
        project.Directory.Write("NEWS.rst", "Old news.\n");
        if (init is not null)
        {
            project.Directory.Write("src/mypkg/__init__.py", init);
        }

        var build = await project.Run("build", "--date", "2026-11-26");
        var draft = await project.Run("draft", "--date", "2026-11-26");

        foreach (var result in new[] { build, draft })
        {
            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"error SLW{(int)ErrorCode.ChangelogVersionUnknown}:", result.Err, StringComparison.Ordinal);
            Assert.Contains(reason, result.Err, StringComparison.Ordinal);
            Assert.Contains("--version", result.Err, StringComparison.Ordinal);
            Assert.Equal(string.Empty, result.Out);
        }

        Assert.Equal("Old news.\n", project.Directory.Read("NEWS.rst"));
        Assert.True(File.Exists(project.Directory["changelog.d/7.feature.rst"]));
    }

    [Fact]
    public async Task No_version_anywhere_is_an_error_and_nothing_is_written()
    {
        using var project = new ChangelogProjectDirectory().Fragment("1.feature.md", "Shipped.\n");

        var build = await project.Run("build", "--date", "2026-11-26");

        Assert.Equal(2, build.ExitCode);
        Assert.Contains($"error SLW{(int)ErrorCode.ChangelogVersionUnknown}:", build.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(project.Directory["CHANGELOG.md"]));
        Assert.True(File.Exists(project.Directory["changelog.d/1.feature.md"]));
    }
}
