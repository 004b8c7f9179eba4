using System.Text.Json;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Cli;

public sealed class InitCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new("init");
    private readonly List<IDisposable> _disposables = [];

    public void Dispose()
    {
        _directory.Dispose();
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }
    }

    private SlipwayConfig Load(string root) =>
        ConfigLoader.Load(Path.Combine(root, "slipway.toml"), root, new DictionaryEnvironment(), new SecretRedactor());

    private GitTestRepository Repository(string branch = "main", params (string Path, string Content)[] files)
    {
        var repository = GitTestRepository.Init(branch);
        _disposables.Add(repository);
        repository.Commit("initial", files.Length == 0 ? [("README.md", "# demo\n")] : files);
        return repository;
    }

    [Theory]
    [InlineData("package.json", "{ \"name\": \"demo\", \"version\": \"1.0.0\" }", "{ json = \"package.json\" }", "semver")]
    [InlineData("pyproject.toml", "[project]\nname = \"demo\"\nversion = \"1.0.0\"\n", "{ toml = \"pyproject.toml\" }", "pep440")]
    [InlineData("Cargo.toml", "[package]\nname = \"demo\"\nversion = \"1.0.0\"\n", "{ toml = \"Cargo.toml\" }", "semver")]
    [InlineData("Directory.Build.props", "<Project><PropertyGroup><Version>1.0.0</Version></PropertyGroup></Project>", "{ msbuild = \"Directory.Build.props\" }", "nuget")]
    [InlineData("VERSION", "1.0.0\n", "{ file = \"VERSION\", pattern = '^(?<version>\\S+)\\r?$' }", "semver")]
    [InlineData("version.txt", "1.0.0\n", "{ file = \"version.txt\", pattern = '^(?<version>\\S+)\\r?$' }", "semver")]
    [InlineData("README.md", "# demo\n", "{ git-tag = true }", "semver")]
    public async Task Detects_the_version_source_and_writes_a_loadable_configuration(string file, string content, string expected, string scheme)
    {
        _directory.Write(file, content);

        var result = await CliRunner.RunAsync(_directory.Path, "init");

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("wrote slipway.toml\n", result.Out, StringComparison.Ordinal);
        var text = _directory.Read("slipway.toml");
        Assert.Contains($"version = {expected}\n", text, StringComparison.Ordinal);
        Assert.Contains($"version-scheme = \"{scheme}\"\n", text, StringComparison.Ordinal);
        var config = Load(_directory.Path);
        Assert.Equal(scheme, config.Project.Scheme.Name);
        if (file != "README.md")
        {
            Assert.Equal("1.0.0", Slipway.Versioning.VersionFile.Read(config.Project.Version, _directory.Path, config.Project.Scheme).Version.ToString());
        }
    }

    [Theory]
    [InlineData("src/my_pkg/__init__.py")]
    [InlineData("src/my_pkg/_version.py")]
    [InlineData("src/my_pkg/__version__.py")]
    [InlineData("my_pkg/__init__.py")]
    [InlineData("my_pkg/_version.py")]
    public void Finds_a_python_version_in_the_package_folder(string file)
    {
        _directory.Write("pyproject.toml", "[project]\nname = \"my-pkg\"\ndynamic = [\"version\"]\n");
        _directory.Write("src/other/__init__.py", "__version__ = \"9.9.9\"\n");
        _directory.Write(file, "\"\"\"The package.\"\"\"\n__version__ = '4.0.0a2'  # bumped by hand\n");

        var plan = StarterConfig.Detect(_directory.Path);

        Assert.StartsWith($"{{ file = \"{file}\", pattern = ", plan.Version.Value, StringComparison.Ordinal);
        Assert.Equal($"4.0.0a2 in {file}'s __version__", plan.Version.Reason);
        Assert.Equal("\"pep440\"", plan.Scheme.Value);
        File.WriteAllText(_directory["slipway.toml"], StarterConfig.Render(plan));
        var config = Load(_directory.Path);
        Assert.Equal("4.0.0a2", Slipway.Versioning.VersionFile.Read(config.Project.Version, _directory.Path, config.Project.Scheme).Version.ToString());
    }

    [Theory]
    [InlineData("setup.cfg", "[metadata]\nname = my-pkg\nversion = 26.2\n", "{ file = \"setup.cfg\", pattern = '^version\\s*=\\s*(?<version>[^\\s#;]+)\\s*$' }")]
    [InlineData("setup.cfg", "[metadata]\nname = my-pkg\nversion = attr: my_pkg.__version__\n", "{ file = \"src/my_pkg/__init__.py\", pattern = ")]
    [InlineData("pyproject.toml", "[project]\nname = \"my-pkg\"\ndynamic = [\"version\"]\n[tool.hatch.version]\npath = \"src/my_pkg/__init__.py\"\n", "{ file = \"src/my_pkg/__init__.py\", pattern = ")]
    [InlineData("pyproject.toml", "[project]\nname = \"my-pkg\"\ndynamic = [\"version\"]\n[tool.setuptools.dynamic]\nversion = { attr = \"my_pkg.__version__\" }\n", "{ file = \"src/my_pkg/__init__.py\", pattern = ")]
    public void Follows_what_the_python_build_configuration_names(string file, string content, string expected)
    {
        _directory.Write(file, content);
        _directory.Write("src/my_pkg/__init__.py", "__version__ = \"26.2\"\n");

        var plan = StarterConfig.Detect(_directory.Path);

        Assert.StartsWith(expected, plan.Version.Value, StringComparison.Ordinal);
        Assert.StartsWith("26.2 in ", plan.Version.Reason, StringComparison.Ordinal);
        Assert.Equal("\"my-pkg\"", plan.Name.Value);
    }

    [Theory]
    [InlineData("pyproject.toml", "[project]\nname = \"from-pyproject\"\nversion = \"1.0\"\n", "from-pyproject", "from pyproject.toml [project] name")]
    [InlineData("pyproject.toml", "[tool.poetry]\nname = \"from-poetry\"\nversion = \"1.0\"\n", "from-poetry", "from pyproject.toml [tool.poetry] name")]
    [InlineData("package.json", "{ \"name\": \"@scope/from-npm\", \"version\": \"1.0.0\" }", "@scope/from-npm", "from package.json name")]
    [InlineData("Cargo.toml", "[package]\nname = \"from-cargo\"\nversion = \"1.0.0\"\n", "from-cargo", "from Cargo.toml [package] name")]
    [InlineData("src/App/App.csproj", "<Project><PropertyGroup><PackageId>From.PackageId</PackageId><Version>1.0.0</Version></PropertyGroup></Project>", "From.PackageId", "from <PackageId> in src/App/App.csproj")]
    [InlineData("src/App/App.csproj", "<Project><PropertyGroup><Version>1.2.3.4</Version></PropertyGroup></Project>", "App", "from the project file src/App/App.csproj")]
    public void Takes_the_name_from_the_project_file(string file, string content, string name, string reason)
    {
        _directory.Write(file, content);

        var plan = StarterConfig.Detect(_directory.Path);

        Assert.Equal($"\"{name}\"", plan.Name.Value);
        Assert.Equal(reason, plan.Name.Reason);
    }

    [Fact]
    public void A_csproj_version_is_a_nuget_version_source()
    {
        _directory.Write("src/App/App.csproj", "<Project><PropertyGroup><Version>1.2.3.4</Version></PropertyGroup></Project>");
        _directory.Write("tests/App.Tests/App.Tests.csproj", "<Project><PropertyGroup><Version>0.0.1</Version></PropertyGroup></Project>");

        var plan = StarterConfig.Detect(_directory.Path);

        Assert.Equal("{ msbuild = \"src/App/App.csproj\" }", plan.Version.Value);
        Assert.Equal("1.2.3.4 in <Version> in src/App/App.csproj", plan.Version.Reason);
        Assert.Equal("\"nuget\"", plan.Scheme.Value);
    }

    [Theory]
    [InlineData(new[] { "v1.1.0", "v1.2.0", "nightly" }, "v{version}", "2 of 3 tag(s) look like v1.2.0")]
    [InlineData(new[] { "1.1.0", "1.2.0", "v0.9.0" }, "{version}", "2 of 3 tag(s) look like 1.2.0")]
    [InlineData(new[] { "release-1.2.0" }, "release-{version}", "1 of 1 tag(s) look like release-1.2.0")]
    [InlineData(new[] { "nightly" }, "v{version}", "no tag names a SemVer 2.0 version: the default")]
    [InlineData(new string[0], "v{version}", "no tags yet: the default")]
    public void Takes_the_tag_template_from_the_existing_tags(string[] tags, string template, string reason)
    {
        var repository = Repository("main", ("VERSION", "1.2.0\n"));
        foreach (var tag in tags)
        {
            repository.Tag(tag);
        }

        var plan = StarterConfig.Detect(repository.Path);

        Assert.Equal($"\"{template}\"", plan.Tag.Value);
        Assert.Equal(reason, plan.Tag.Reason);
    }

    [Fact]
    public void Takes_the_release_branch_from_the_remote_head_else_the_current_branch()
    {
        var repository = Repository("trunk");
        var remote = GitTestRepository.InitBare();
        _disposables.Add(remote);
        repository.AddRemote(remote);
        repository.Git("push", "-q", "origin", "trunk");
        remote.Git("symbolic-ref", "HEAD", "refs/heads/trunk");
        repository.Git("checkout", "-q", "-b", "feature");
        Assert.Equal("\"feature\"", StarterConfig.Detect(repository.Path).ReleaseBranch.Value);

        repository.Git("remote", "set-head", "origin", "-a");
        var plan = StarterConfig.Detect(repository.Path);

        Assert.Equal("\"trunk\"", plan.ReleaseBranch.Value);
        Assert.Equal("the default branch of origin, from refs/remotes/origin/HEAD", plan.ReleaseBranch.Reason);
    }

    [Fact]
    public void Outside_a_repository_the_release_branch_is_main() =>
        Assert.Equal("\"main\"", StarterConfig.Detect(_directory.Path).ReleaseBranch.Value);

    [Theory]
    [InlineData("towncrier.toml", "[tool.towncrier]\ndirectory = \"changes\"\n")]
    [InlineData("pyproject.toml", "[project]\nname = \"demo\"\nversion = \"1.0\"\n[tool.towncrier]\ndirectory = \"changes\"\n")]
    public void Writes_no_changelog_section_when_towncrier_is_configured(string file, string content)
    {
        _directory.Write(file, content);
        _directory.Write("changelog.d/.gitkeep", string.Empty);

        var plan = StarterConfig.Detect(_directory.Path);
        var text = StarterConfig.Render(plan);

        Assert.Null(plan.ChangelogTable);
        Assert.Contains("is read as it is", plan.Changelog.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("[changelog]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_a_changelog_section_for_a_fragments_folder_without_towncrier_configuration()
    {
        _directory.Write("VERSION", "1.0.0\n");
        _directory.Write("newsfragments/.gitkeep", string.Empty);
        _directory.Write("CHANGES.md", "# Changes\n");

        File.WriteAllText(_directory["slipway.toml"], StarterConfig.Render(_directory.Path));
        var config = Load(_directory.Path);

        Assert.NotNull(config.Changelog);
        Assert.Equal("newsfragments", config.Changelog.Directory);
        Assert.Equal("CHANGES.md", config.Changelog.Filename);
    }

    [Fact]
    public async Task Prints_what_it_found_and_why_and_version_succeeds_right_after()
    {
        var repository = Repository(
            "master",
            ("pyproject.toml", "[project]\nname = \"my-pkg\"\ndynamic = [\"version\"]\n\n[tool.towncrier]\ndirectory = \"changes\"\n"),
            ("src/my_pkg/__init__.py", "__version__ = \"26.1\"\n"));
        repository.Tag("26.1");
        repository.Commit("26.2", ("src/my_pkg/__init__.py", "__version__ = \"26.2\"\n"));

        var init = await CliRunner.RunAsync(repository.Path, "init");
        var version = await CliRunner.RunAsync(repository.Path, "version", "--json");

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Equal(
            """
            name            "my-pkg"  (from pyproject.toml [project] name)
            version         { file = "src/my_pkg/__init__.py", pattern = '^__version__\s*=\s*"(?<version>[^"]+)"' }  (26.2 in src/my_pkg/__init__.py's __version__)
            version-scheme  "pep440"  (inferred from src/my_pkg/__init__.py: a Python version source)
            tag             "{version}"  (1 of 1 tag(s) look like 26.1)
            release-branch  "master"  (the current branch; no remote default branch is known)
            changelog       [tool.towncrier]  ([tool.towncrier] in pyproject.toml is read as it is)
            wrote slipway.toml

            """,
            init.Out);
        Assert.True(version.ExitCode == 0, version.ToString());
        var json = JsonDocument.Parse(version.Out).RootElement;
        Assert.Equal("26.2", json.GetProperty("version").GetString());
        Assert.Equal("26.2", json.GetProperty("tag").GetString());
        Assert.Equal("pep440", json.GetProperty("versionScheme").GetString());
        Assert.True(json.GetProperty("shouldRelease").GetBoolean());
    }

    [Fact]
    public async Task Refuses_to_overwrite_without_force()
    {
        _directory.Write("slipway.toml", "# mine\n");
        var result = await CliRunner.RunAsync(_directory.Path, "init");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("SLW1009", result.Err, StringComparison.Ordinal);
        Assert.Equal("# mine\n", _directory.Read("slipway.toml"));

        var forced = await CliRunner.RunAsync(_directory.Path, "init", "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("[project]", _directory.Read("slipway.toml"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("VERSION")]
    [InlineData("version.txt")]
    public async Task A_plain_version_file_with_crlf_line_endings_is_read_after_init(string file)
    {
        var repository = Repository("main", (file, "1.4.0\r\n"));

        Assert.Equal(0, (await CliRunner.RunAsync(repository.Path, "init")).ExitCode);
        var version = await CliRunner.RunAsync(repository.Path, "version", "--json");

        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Equal("1.4.0", JsonDocument.Parse(version.Out).RootElement.GetProperty("version").GetString());
    }

    [Theory]
    [InlineData("pyproject.toml", "[project]\nname = \"demo\"\ndynamic = [\"version\"]\n", "9.2.0.dev0", "\"pep440\"")]
    [InlineData("setup.py", "from setuptools import setup\nsetup(use_scm_version=True)\n", "1.0.0.post1", "\"pep440\"")]
    [InlineData("Demo.csproj", "<Project><PropertyGroup><PackageId>Demo</PackageId></PropertyGroup></Project>", "1.2.3.4", "\"nuget\"")]
    public void A_project_versioned_by_its_tags_gets_its_ecosystems_scheme_and_tag_template(string file, string content, string tag, string scheme)
    {
        var repository = Repository("main", (file, content));
        repository.Tag(tag, tag);

        var plan = StarterConfig.Detect(repository.Path);

        Assert.Equal("{ git-tag = true }", plan.Version.Value);
        Assert.Equal(scheme, plan.Scheme.Value);
        Assert.Equal("\"{version}\"", plan.Tag.Value);
    }
}
