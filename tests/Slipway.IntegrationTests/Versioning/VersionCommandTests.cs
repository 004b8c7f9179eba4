using System.Text.Json;
using Slipway.Diagnostics;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Versioning;

/// <summary><c>slipway version</c> over real repositories made with the git command line.</summary>
public sealed class VersionCommandTests : IDisposable
{
    private const string Config = """
        [project]
        name = "demo"
        version = { file = "VERSION", pattern = '^(?<version>\S+)$' }
        """;

    private readonly GitTestRepository _repository = GitTestRepository.Init();
    private readonly List<IDisposable> _disposables = [];

    public VersionCommandTests()
    {
        _repository.Commit("initial", ("slipway.toml", Config), ("VERSION", "1.2.3\n"));
    }

    public void Dispose()
    {
        _repository.Dispose();
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }
    }

    private GitTestRepository Remote()
    {
        var remote = GitTestRepository.InitBare();
        _disposables.Add(remote);
        _repository.AddRemote(remote);
        _repository.Git("push", "-q", "origin", "main");
        _repository.Git("fetch", "-q", "origin");
        return remote;
    }

    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync(_repository.Path, args);

    private async Task<JsonElement> VersionJson()
    {
        var result = await Run("version", "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Out).RootElement.Clone();
    }

    [Fact]
    public async Task Reports_version_tag_commit_and_that_it_should_be_released()
    {
        var json = await VersionJson();
        var head = _repository.Head;
        Assert.Equal("1.2.3", json.GetProperty("version").GetString());
        Assert.Equal("v1.2.3", json.GetProperty("tag").GetString());
        Assert.Equal(head, json.GetProperty("commit").GetString());
        Assert.Equal(head[..7], json.GetProperty("shortCommit").GetString());
        Assert.Equal("main", json.GetProperty("branch").GetString());
        Assert.False(json.GetProperty("prerelease").GetBoolean());
        Assert.True(json.GetProperty("shouldRelease").GetBoolean());
        Assert.Equal("tag v1.2.3 does not exist yet", json.GetProperty("reason").GetString());
        Assert.Matches("^[0-9a-f]{40}$", json.GetProperty("commit").GetString());
    }

    [Fact]
    public async Task Text_output_names_every_fact()
    {
        var result = await Run("version");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("version     1.2.3  (from VERSION)", result.Out, StringComparison.Ordinal);
        Assert.Contains("tag         v1.2.3", result.Out, StringComparison.Ordinal);
        Assert.Contains($"commit      {_repository.Head}", result.Out, StringComparison.Ordinal);
        Assert.Contains("release     yes: tag v1.2.3 does not exist yet", result.Out, StringComparison.Ordinal);
        Assert.Empty(result.Err);
    }

    [Fact]
    public async Task Prerelease_version_is_flagged()
    {
        _repository.Commit("rc", ("VERSION", "2.0.0-rc.1\n"));
        var json = await VersionJson();
        Assert.True(json.GetProperty("prerelease").GetBoolean());
        Assert.Equal("v2.0.0-rc.1", json.GetProperty("tag").GetString());
    }

    [Fact]
    public async Task Existing_local_tag_means_nothing_to_release()
    {
        _repository.Tag("v1.2.3", "release 1.2.3");
        _repository.Commit("later work");
        var result = await Run("version", "--json");
        Assert.Equal(0, result.ExitCode);
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.False(json.GetProperty("shouldRelease").GetBoolean());
        Assert.StartsWith("tag v1.2.3 already exists", json.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tag_that_exists_only_on_the_remote_means_nothing_to_release()
    {
        var remote = Remote();
        _repository.Tag("v1.2.3", "release 1.2.3");
        _repository.Git("push", "-q", "origin", "v1.2.3");
        _repository.Git("tag", "-d", "v1.2.3");
        Assert.Contains("refs/tags/v1.2.3", string.Join('\n', remote.Refs()), StringComparison.Ordinal);

        var json = await VersionJson();
        Assert.False(json.GetProperty("shouldRelease").GetBoolean());
        Assert.StartsWith("tag v1.2.3 already exists on origin", json.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_repository.Refs(), r => r.StartsWith("refs/tags/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lightweight_tag_on_the_remote_counts_too()
    {
        Remote();
        _repository.Tag("v1.2.3");
        _repository.Git("push", "-q", "origin", "v1.2.3");
        _repository.Git("tag", "-d", "v1.2.3");
        var json = await VersionJson();
        Assert.False(json.GetProperty("shouldRelease").GetBoolean());
    }

    [Fact]
    public async Task With_a_remote_the_commit_must_be_on_the_remote_release_branch()
    {
        Remote();
        _repository.Commit("not pushed yet");
        var result = await Run("version");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.StartsWith("slipway: error SLW2009: refusing to release a commit that is not on origin/main", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commit_pushed_to_the_remote_release_branch_is_releasable()
    {
        Remote();
        _repository.Commit("more", ("VERSION", "1.3.0\n"));
        _repository.Git("push", "-q", "origin", "main");
        var json = await VersionJson();
        Assert.True(json.GetProperty("shouldRelease").GetBoolean());
        Assert.Equal("tag v1.3.0 does not exist yet, here or on origin", json.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Commit_on_a_feature_branch_is_refused()
    {
        _repository.Git("checkout", "-q", "-b", "feature");
        _repository.Commit("feature work");
        var result = await Run("version");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("SLW2009: refusing to release a commit that is not on main", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Older_commit_of_the_release_branch_is_releasable_from_a_detached_head()
    {
        var first = _repository.Head;
        _repository.Commit("second");
        _repository.Git("checkout", "-q", first);
        var json = await VersionJson();
        Assert.Equal(first, json.GetProperty("commit").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("branch").ValueKind);
        Assert.True(json.GetProperty("shouldRelease").GetBoolean());
    }

    [Fact]
    public async Task Custom_release_branch_is_honoured()
    {
        _repository.Commit("config", ("slipway.toml", Config + "\nrelease-branch = \"trunk\"\n"));
        var missing = await Run("version");
        Assert.Equal(ExitCodes.InvalidInput, missing.ExitCode);
        Assert.Contains("SLW2010: release branch 'trunk' does not exist", missing.Err, StringComparison.Ordinal);

        _repository.Git("branch", "trunk");
        Assert.Equal(0, (await Run("version")).ExitCode);
    }

    [Fact]
    public async Task Tag_at_head_must_agree_with_the_version_file()
    {
        _repository.Tag("v1.2.4", "release 1.2.4");
        var result = await Run("version");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Equal("slipway: error SLW2008: version mismatch: tag v1.2.4 says 1.2.4, VERSION says 1.2.3\n", result.Err);
    }

    [Fact]
    public async Task Tag_at_head_that_agrees_is_already_released()
    {
        _repository.Tag("v1.2.3", "release 1.2.3");
        var json = await VersionJson();
        Assert.False(json.GetProperty("shouldRelease").GetBoolean());
    }

    [Fact]
    public async Task Tags_that_do_not_match_the_template_are_ignored_at_head()
    {
        _repository.Tag("nightly");
        _repository.Tag("v2");
        var json = await VersionJson();
        Assert.True(json.GetProperty("shouldRelease").GetBoolean());
    }

    [Fact]
    public async Task Git_tag_source_reads_the_version_from_the_tag_at_head()
    {
        _repository.Commit("tag-driven", ("slipway.toml", "[project]\nname = \"demo\"\nversion = { git-tag = true }\ntag = \"release-{version}\"\n"));
        _repository.Tag("release-3.0.0-rc.1", "rc");
        _repository.Tag("release-3.0.0", "final");
        var json = await VersionJson();
        Assert.Equal("3.0.0", json.GetProperty("version").GetString());
        Assert.Equal("release-3.0.0", json.GetProperty("tag").GetString());
        Assert.True(json.GetProperty("shouldRelease").GetBoolean());
    }

    [Fact]
    public async Task Git_tag_source_without_a_tag_at_head_is_an_error()
    {
        _repository.Commit("tag-driven", ("slipway.toml", "[project]\nname = \"demo\"\nversion = { git-tag = true }\n"));
        var result = await Run("version");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("SLW2013", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dirty_working_tree_is_reported_but_not_fatal()
    {
        File.AppendAllText(Path.Combine(_repository.Path, "VERSION"), "\n");
        _repository.Write("notes.txt", "untracked");
        var json = await VersionJson();
        Assert.True(json.GetProperty("dirty").GetBoolean());
        Assert.Equal(["VERSION", "notes.txt"], json.GetProperty("dirtyPaths").EnumerateArray().Select(p => p.GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ignored_files_and_the_state_folder_do_not_make_the_tree_dirty()
    {
        _repository.Commit("ignore", (".gitignore", "bin/\n"));
        _repository.Write("bin/out.dll", "x");
        _repository.Write(".slipway/state.db", "x");
        var json = await VersionJson();
        Assert.False(json.GetProperty("dirty").GetBoolean());
    }

    [Fact]
    public async Task Runs_from_a_subdirectory_and_with_dash_C()
    {
        Directory.CreateDirectory(Path.Combine(_repository.Path, "src", "deep"));
        var fromSubdirectory = await CliRunner.RunAsync(Path.Combine(_repository.Path, "src", "deep"), "version", "--json");
        Assert.Equal(0, fromSubdirectory.ExitCode);

        var withDashC = await CliRunner.RunAsync(Path.GetTempPath(), "-C", _repository.Path, "version", "--json");
        Assert.Equal(0, withDashC.ExitCode);
        Assert.Equal(fromSubdirectory.Out, withDashC.Out);
    }

    [Fact]
    public async Task Config_option_is_a_path_relative_to_dash_C_as_if_started_there()
    {
        _repository.Commit("release config", ("ci/release.toml", Config.Replace("\"demo\"", "\"from-ci\"", StringComparison.Ordinal)));

        var result = await CliRunner.RunAsync(Path.GetTempPath(), "-C", _repository.Path, "plan", "--config", "ci/release.toml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("release plan for from-ci", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_lists_the_steps_in_order_with_their_conditions()
    {
        var result = await Run("plan");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("release plan for demo", lines[0], StringComparison.Ordinal);
        Assert.Contains("1. detect-version", lines[1], StringComparison.Ordinal);
        Assert.Contains("2. preflight", lines[2], StringComparison.Ordinal);
        Assert.Contains("when always", lines[2], StringComparison.Ordinal);
    }

    private const string PythonConfig = """
        [project]
        name = "demo"
        version = { toml = "pyproject.toml" }
        """;

    private static string PyProject(string version) => $"[project]\nname = \"demo\"\nversion = \"{version}\"\n";

    [Fact]
    public async Task A_pyproject_version_is_read_as_pep440_and_the_scheme_is_shown()
    {
        _repository.Commit("python", ("slipway.toml", PythonConfig), ("pyproject.toml", PyProject("4.0.0a2")));

        var json = await VersionJson();
        Assert.Equal("4.0.0a2", json.GetProperty("version").GetString());
        Assert.Equal("v4.0.0a2", json.GetProperty("tag").GetString());
        Assert.True(json.GetProperty("prerelease").GetBoolean());
        Assert.Equal("pep440", json.GetProperty("versionScheme").GetString());
        Assert.Equal("inferred from pyproject.toml: a Python version source", json.GetProperty("versionSchemeOrigin").GetString());

        var text = await Run("version");
        Assert.Contains("version     4.0.0a2  (from pyproject.toml)\nscheme      pep440  (inferred from pyproject.toml: a Python version source)\n", text.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("26.2", false)]
    [InlineData("1.0.0.post1", false)]
    [InlineData("24.8.0.dev0", true)]
    [InlineData("1.0.0rc1", true)]
    public async Task Python_versions_that_are_not_semver_are_released(string version, bool prerelease)
    {
        _repository.Commit("python", ("slipway.toml", PythonConfig), ("pyproject.toml", PyProject(version)));

        var json = await VersionJson();
        Assert.Equal(version, json.GetProperty("version").GetString());
        Assert.Equal(prerelease, json.GetProperty("prerelease").GetBoolean());
        Assert.True(json.GetProperty("shouldRelease").GetBoolean());
    }

    [Fact]
    public async Task A_pep440_local_version_is_refused_naming_the_rule()
    {
        _repository.Commit("python", ("slipway.toml", PythonConfig), ("pyproject.toml", PyProject("1.0.0+dev")));

        var result = await Run("version");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.StartsWith(
            "slipway: error SLW2015: pyproject.toml: version '1.0.0+dev' is not PEP 440: it has a local version label '+dev' (PEP 440, local version identifiers: PyPI refuses them)\n",
            result.Err,
            StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task A_post_release_tag_at_head_is_this_release_and_pep440_tags_order_by_pep440()
    {
        _repository.Commit("python", ("slipway.toml", PythonConfig), ("pyproject.toml", PyProject("1.0.0.post1")));
        _repository.Tag("v1.0.0.post1", "release");
        var json = await VersionJson();
        Assert.False(json.GetProperty("shouldRelease").GetBoolean());

        _repository.Commit("tag-driven", ("slipway.toml", "[project]\nname = \"demo\"\nversion = { git-tag = true }\nversion-scheme = \"pep440\"\n"));
        _repository.Tag("v2.0rc1", "rc");
        _repository.Tag("v2.0", "final");
        _repository.Tag("v2.0.dev3", "dev");
        json = await VersionJson();
        Assert.Equal("2.0", json.GetProperty("version").GetString());
        Assert.Equal("pep440", json.GetProperty("versionScheme").GetString());
        Assert.Equal("configured", json.GetProperty("versionSchemeOrigin").GetString());
    }

    [Fact]
    public async Task An_msbuild_version_is_read_as_nuget()
    {
        _repository.Commit(
            "dotnet",
            ("slipway.toml", "[project]\nname = \"demo\"\nversion = { msbuild = \"Directory.Build.props\" }\n"),
            ("Directory.Build.props", "<Project><PropertyGroup><Version>1.2.3.4</Version></PropertyGroup></Project>\n"));

        var json = await VersionJson();
        Assert.Equal("1.2.3.4", json.GetProperty("version").GetString());
        Assert.Equal("nuget", json.GetProperty("versionScheme").GetString());
        Assert.False(json.GetProperty("prerelease").GetBoolean());
    }

    [Fact]
    public async Task A_calver_version_is_read_by_its_format()
    {
        _repository.Commit("calver", ("slipway.toml", Config + "\nversion-scheme = \"calver\"\n"), ("VERSION", "2026.11.3\n"));

        var json = await VersionJson();
        Assert.Equal("2026.11.3", json.GetProperty("version").GetString());
        Assert.Equal("calver", json.GetProperty("versionScheme").GetString());
    }

    [Fact]
    public async Task An_unknown_version_scheme_is_a_config_error_with_its_position()
    {
        _repository.Commit("typo", ("slipway.toml", Config + "\nversion-scheme = \"pep-440\"\n"));

        var result = await Run("version");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.StartsWith("slipway: error SLW1007: slipway.toml:4:1: 'project.version-scheme' must be one of", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_semver_version_with_a_leading_zero_is_refused_naming_the_rule()
    {
        _repository.Commit("zero", ("VERSION", "1.02.3\n"));

        var result = await Run("version");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.StartsWith("slipway: error SLW2007: VERSION: version '1.02.3' is not SemVer 2.0: it has a leading zero in '02'\n", result.Err, StringComparison.Ordinal);
    }
}
