using System.Text.Json;
using Slipway.Diagnostics;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Cli;

/// <summary><c>slipway bump</c> and <c>slipway version --check-sync</c> over a repository with [project] sync files.</summary>
public sealed class BumpCommandTests : IDisposable
{
    private const string Config = """
        [project]
        name = "demo"
        version = { toml = "pyproject.toml" }
        sync = [
          { json = "package.json" },
          { json = "web/app.json", path = "meta.version" },
          { file = "src/demo/__init__.py", pattern = '__version__ = "{version}"' },
          { msbuild = "Demo.csproj" },
        ]

        """;

    private const string Pyproject = "[project]\nname = \"demo\"\n# the release version\nversion = \"1.2.0\"  # bumped by slipway\n\n[tool.other]\nversion = \"9.9.9\"\n";
    private const string PackageJson = "{\n  \"name\": \"demo\",\n  \"version\": \"1.2.0\",\n  \"dependencies\": { \"left-pad\": { \"version\": \"1.2.0\" } }\n}";
    private const string AppJson = "{ \"version\": \"0.0.1\", \"meta\": { \"version\": \"1.2.0\" } }\n";
    private const string InitPy = "\"\"\"Demo.\"\"\"\r\n__version__ = \"1.2.0\"\r\nOTHER = \"1.2.0\"\r\n";
    private const string Csproj = "<Project>\n  <!-- <Version>0.0.0</Version> -->\n  <PropertyGroup>\n    <Version>1.2.0</Version>\n  </PropertyGroup>\n  <ItemGroup>\n    <PackageReference Include=\"X\"><Version>1.2.0</Version></PackageReference>\n  </ItemGroup>\n</Project>\n";

    private readonly GitTestRepository _repository = GitTestRepository.Init();

    public BumpCommandTests()
    {
        _repository.Git("config", "user.name", "Slipway Tests");
        _repository.Git("config", "user.email", "tests@slipway.invalid");
        _repository.Commit(
            "initial",
            ("slipway.toml", Config),
            ("pyproject.toml", Pyproject),
            ("package.json", PackageJson),
            ("web/app.json", AppJson),
            ("src/demo/__init__.py", InitPy),
            ("Demo.csproj", Csproj),
            ("changes/.gitkeep", string.Empty));
    }

    public void Dispose() => _repository.Dispose();

    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync(_repository.Path, args);

    private string Read(string file) => File.ReadAllText(Path.Combine(_repository.Path, file));

    private static string V(string text, string from, string to) => text.Replace(from, to, StringComparison.Ordinal);

    [Fact]
    public async Task Rewrites_the_source_and_every_sync_file_and_nothing_else()
    {
        var result = await Run("bump", "minor");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("bumped 1.2.0 -> 1.3.0 (minor)\n", result.Out, StringComparison.Ordinal);
        Assert.Equal(V(Pyproject, "version = \"1.2.0\"", "version = \"1.3.0\""), Read("pyproject.toml"));
        Assert.Equal(V(PackageJson, "\"version\": \"1.2.0\",", "\"version\": \"1.3.0\","), Read("package.json"));
        Assert.Equal(V(AppJson, "{ \"version\": \"1.2.0\" }", "{ \"version\": \"1.3.0\" }"), Read("web/app.json"));
        Assert.Equal(V(InitPy, "__version__ = \"1.2.0\"", "__version__ = \"1.3.0\""), Read("src/demo/__init__.py"));
        Assert.Equal(V(Csproj, "    <Version>1.2.0</Version>\n  </PropertyGroup>", "    <Version>1.3.0</Version>\n  </PropertyGroup>"), Read("Demo.csproj"));
        Assert.Equal(0, (await Run("version", "--check-sync")).ExitCode);
    }

    [Fact]
    public async Task Dry_run_prints_the_plan_and_writes_nothing()
    {
        var before = DirectorySnapshot.Take(_repository.Path);

        var result = await Run("bump", "patch", "--dry-run", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal("1.2.1", json.GetProperty("version").GetString());
        Assert.False(json.GetProperty("written").GetBoolean());
        Assert.Equal(["pyproject.toml", "package.json", "web/app.json", "src/demo/__init__.py", "Demo.csproj"], json.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(before, DirectorySnapshot.Take(_repository.Path));
    }

    [Fact]
    public async Task Commit_commits_exactly_the_rewritten_files_with_the_version_in_the_message()
    {
        _repository.Write("unrelated.txt", "staged but not part of the bump\n");
        _repository.Git("add", "unrelated.txt");

        var result = await Run("bump", "pre", "--commit");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Bump version to 1.2.1rc1", _repository.Git("log", "-1", "--format=%s"));
        Assert.Equal(
            ["Demo.csproj", "package.json", "pyproject.toml", "src/demo/__init__.py", "web/app.json"],
            _repository.Git("show", "--name-only", "--format=", "HEAD").Split('\n').Order(StringComparer.Ordinal));
        Assert.Equal("A  unrelated.txt", _repository.Git("status", "--porcelain"));
    }

    [Theory]
    [InlineData("pyproject.toml")]
    [InlineData("package.json")]
    public async Task A_dirty_version_or_sync_file_is_refused_without_allow_dirty(string file)
    {
        File.AppendAllText(Path.Combine(_repository.Path, file), "\n");
        var before = DirectorySnapshot.Take(_repository.Path);

        var result = await Run("bump", "patch");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"slipway: error SLW{(int)ErrorCode.BumpFileDirty}: refusing to bump: {file} has uncommitted changes\n  hint: commit them first, or pass --allow-dirty\n", result.Err);
        Assert.Equal(before, DirectorySnapshot.Take(_repository.Path));
        Assert.Equal(0, (await Run("bump", "patch", "--allow-dirty")).ExitCode);
        Assert.Contains("\"version\": \"1.2.1\"", Read("package.json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dirty_file_outside_the_bump_does_not_stop_it()
    {
        _repository.Write("README.md", "changed\n");

        Assert.Equal(0, (await Run("bump", "patch")).ExitCode);
    }

    [Theory]
    [InlineData("__version__ = \"{version}\"", "VERSION = \"{version}\"", "finds no version")]
    [InlineData("__version__ = \"{version}\"", "= \"{version}\"", "finds the version 2 times")]
    public async Task A_sync_pattern_that_does_not_match_exactly_once_writes_nothing(string from, string to, string message)
    {
        _repository.Commit("pattern", ("slipway.toml", V(Config, from, to)));
        var before = DirectorySnapshot.Take(_repository.Path);

        var result = await Run("bump", "patch");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"slipway: error SLW{(int)ErrorCode.SyncTargetNotFound}: src/demo/__init__.py: [project] sync {message}", result.Err, StringComparison.Ordinal);
        Assert.Equal(before, DirectorySnapshot.Take(_repository.Path));
    }

    [Theory]
    [InlineData("1.2.0", ErrorCode.BumpNotGreater)]
    [InlineData("1.1.9", ErrorCode.BumpNotGreater)]
    [InlineData("1.3.0+local", ErrorCode.VersionRefusedByScheme)]
    [InlineData("release", ErrorCode.BumpNotApplicable)]
    public async Task A_version_that_is_not_a_step_up_writes_nothing(string bump, ErrorCode code)
    {
        var before = DirectorySnapshot.Take(_repository.Path);

        var result = await Run("bump", bump);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"slipway: error SLW{(int)code}: ", result.Err, StringComparison.Ordinal);
        Assert.Single(result.Err.TrimEnd().Split('\n'), l => !l.StartsWith("  hint:", StringComparison.Ordinal));
        Assert.Equal(before, DirectorySnapshot.Take(_repository.Path));
    }

    [Theory]
    [InlineData("next")]
    [InlineData("patch --pre-id beta")]
    [InlineData("")]
    [InlineData("patch --from-fragments")]
    public async Task A_bump_that_names_nothing_is_a_usage_error(string args)
    {
        var result = await Run(["bump", .. args.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"slipway: error SLW{(int)ErrorCode.InvalidUsage}: ", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_sync_names_each_file_that_disagrees_and_exits_1()
    {
        File.WriteAllText(Path.Combine(_repository.Path, "package.json"), V(PackageJson, "\"version\": \"1.2.0\",", "\"version\": \"1.1.0\","));
        File.WriteAllText(Path.Combine(_repository.Path, "src/demo/__init__.py"), V(InitPy, "__version__ = \"1.2.0\"", "__version__ = \"1.0.0\""));

        var result = await Run("version", "--check-sync");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(
            $"slipway: error SLW{(int)ErrorCode.VersionOutOfSync}: 2 file(s) disagree with pyproject.toml (1.2.0): package.json has '1.1.0', src/demo/__init__.py has '1.0.0'\n",
            result.Err,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_sync_accepts_the_same_version_written_another_way()
    {
        File.WriteAllText(Path.Combine(_repository.Path, "src/demo/__init__.py"), V(InitPy, "__version__ = \"1.2.0\"", "__version__ = \"1.2\""));

        var result = await Run("version", "--check-sync");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("in sync: 4 file(s) hold 1.2.0, as pyproject.toml does\n", result.Out);
    }

    [Theory]
    [InlineData(new[] { "1.bugfix", "2.feature" }, "", "1.3.0")]
    [InlineData(new[] { "1.bugfix", "2.doc" }, "", "1.2.1")]
    [InlineData(new[] { "1.bugfix", "2.removal" }, "", "2.0.0")]
    [InlineData(new[] { "1.bugfix", "2.doc" }, "bump = { doc = \"minor\" }\n", "1.3.0")]
    [InlineData(new[] { "1.feature" }, "bump = { feature = \"patch\" }\n", "1.2.1")]
    public async Task From_fragments_picks_the_highest_level_of_the_pending_types(string[] fragments, string mapping, string expected)
    {
        var files = fragments.Select(f => ($"changes/{f}.md", "A change.\n")).ToList();
        files.Add(("slipway.toml", V(Config, "sync = [", mapping + "sync = [") + "[changelog]\ndirectory = \"changes\"\nfilename = \"CHANGELOG.md\"\n"));
        _repository.Commit("fragments", [.. files]);

        var result = await Run("bump", "--from-fragments", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expected, JsonDocument.Parse(result.Out).RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public async Task From_fragments_below_1_0_0_makes_a_breaking_change_a_minor()
    {
        _repository.Commit(
            "zero",
            ("pyproject.toml", V(Pyproject, "\"1.2.0\"", "\"0.4.2\"")),
            ("slipway.toml", "[project]\nname = \"demo\"\nversion = { toml = \"pyproject.toml\" }\n[changelog]\ndirectory = \"changes\"\nfilename = \"CHANGELOG.md\"\n"),
            ("changes/1.removal.md", "Gone.\n"));

        var result = await Run("bump", "--from-fragments");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("bumped 0.4.2 -> 0.5.0 (minor: 1 fragment(s); major for removal; minor below 1.0.0)\n", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task From_fragments_without_fragments_is_refused()
    {
        _repository.Commit("changelog", ("slipway.toml", Config + "[changelog]\ndirectory = \"changes\"\nfilename = \"CHANGELOG.md\"\n"));
        var before = DirectorySnapshot.Take(_repository.Path);

        var result = await Run("bump", "--from-fragments");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"slipway: error SLW{(int)ErrorCode.BumpNoFragments}: bump --from-fragments: no news fragments are pending in changes", result.Err, StringComparison.Ordinal);
        Assert.Equal(before, DirectorySnapshot.Take(_repository.Path));
    }

    [Fact]
    public async Task A_version_from_the_git_tag_cannot_be_bumped()
    {
        _repository.Commit("tag source", ("slipway.toml", "[project]\nname = \"demo\"\nversion = { git-tag = true }\n"));

        var result = await Run("bump", "patch");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"slipway: error SLW{(int)ErrorCode.VersionNotWritable}: ", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sync_file_that_links_outside_the_repository_is_refused_and_nothing_is_written()
    {
        using var outside = new TempDirectory("outside");
        outside.Write("package.json", "{ \"version\": \"1.2.0\" }\n");
        File.Delete(Path.Combine(_repository.Path, "package.json"));
        File.CreateSymbolicLink(Path.Combine(_repository.Path, "package.json"), outside["package.json"]);
        _repository.Commit("link");
        var before = DirectorySnapshot.Take(_repository.Path);

        var result = await Run("bump", "patch");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"slipway: error SLW{(int)ErrorCode.FileOutsideRepository}: package.json", result.Err, StringComparison.Ordinal);
        Assert.Equal(before, DirectorySnapshot.Take(_repository.Path));
        Assert.Equal("{ \"version\": \"1.2.0\" }\n", File.ReadAllText(outside["package.json"]));
    }

    [Fact]
    public async Task A_pattern_that_backtracks_forever_is_an_error_not_a_hang()
    {
        _repository.Commit(
            "slow",
            ("slipway.toml", "[project]\nname = \"demo\"\nversion = { file = \"VERSION\", pattern = '^(a+)+(?<version>b)$' }\n"),
            ("VERSION", new string('a', 40) + "c\n"));

        var result = await Run("bump", "patch");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"slipway: error SLW{(int)ErrorCode.VersionPatternInvalid}: VERSION: version pattern '^(a+)+(?<version>b)$' took too long", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_sync_with_a_tag_driven_version_compares_with_the_tag_at_head()
    {
        _repository.Commit("tag source", ("slipway.toml", "[project]\nname = \"demo\"\nversion = { git-tag = true }\nsync = [{ json = \"package.json\" }]\n"));
        _repository.Tag("v1.2.0", "1.2.0");

        Assert.Equal(0, (await Run("version", "--check-sync")).ExitCode);
        _repository.Tag("v1.3.0", "1.3.0");
        var result = await Run("version", "--check-sync");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"slipway: error SLW{(int)ErrorCode.VersionOutOfSync}: 1 file(s) disagree with tag v1.3.0 (1.3.0): package.json has '1.2.0'", result.Err, StringComparison.Ordinal);
    }
}
