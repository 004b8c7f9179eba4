using Slipway.Diagnostics;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Versioning;

/// <summary>Every bad input of the foundation: one line with its code, exit code 2, and nothing changed on disk.</summary>
public sealed class BadInputTests
{
    private const string Pattern = "'^(?<version>\\S+)$'";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // name, slipway.toml (null: none), VERSION content, expected error prefix
        { "missing slipway.toml", "<none>", "1.2.3", "SLW1002: slipway.toml: configuration file not found" },
        { "TOML syntax error", "[project\nname = \"demo\"\n", "1.2.3", "SLW1003: slipway.toml:1:9: Expected `]`" },
        { "unknown key", $"[project]\nname = \"demo\"\nversion = {{ file = \"VERSION\", pattern = {Pattern} }}\nrelease-brnch = \"main\"\n", "1.2.3", "SLW1004: slipway.toml:4:1: unknown key 'project.release-brnch', did you mean 'release-branch'?" },
        { "version file missing", $"[project]\nname = \"demo\"\nversion = {{ file = \"MISSING\", pattern = {Pattern} }}\n", "1.2.3", "SLW2003: MISSING: version file not found" },
        { "pattern without version group", "[project]\nname = \"demo\"\nversion = { file = \"VERSION\", pattern = '^(\\S+)$' }\n", "1.2.3", "SLW1007: slipway.toml:3:31: 'project.version.pattern' has no named group 'version'" },
        { "pattern matches nothing", "[project]\nname = \"demo\"\nversion = { file = \"VERSION\", pattern = '^v=(?<version>\\S+)$' }\n", "1.2.3", "SLW2005: VERSION: no version found (pattern '^v=(?<version>\\S+)$' matches nothing)" },
        { "two matches disagree", "[project]\nname = \"demo\"\nversion = { file = \"VERSION\", pattern = '(?<version>\\d+\\.\\d+\\.\\d+)' }\n", "1.2.3\n1.2.4", "SLW2006: VERSION: the version is given several times and the values disagree: '1.2.3', '1.2.4'" },
        { "version not semver", $"[project]\nname = \"demo\"\nversion = {{ file = \"VERSION\", pattern = {Pattern} }}\n", "v1.2.3", "SLW2007: VERSION: version 'v1.2.3' is not SemVer 2.0: it starts with 'v'" },
        { "short version", $"[project]\nname = \"demo\"\nversion = {{ file = \"VERSION\", pattern = {Pattern} }}\n", "1.2", "SLW2007: VERSION: version '1.2' is not SemVer 2.0" },
        { "tag template without version", $"[project]\nname = \"demo\"\nversion = {{ file = \"VERSION\", pattern = {Pattern} }}\ntag = \"release\"\n", "1.2.3", "SLW1007: slipway.toml:4:1: 'project.tag' must contain {version}" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_one_error_line_exit_2_and_changes_nothing(string name, string config, string version, string expected)
    {
        using var repository = GitTestRepository.Init();
        var files = new List<(string, string)> { ("VERSION", version + "\n") };
        if (config != "<none>")
        {
            files.Add(("slipway.toml", config));
        }

        repository.Commit(name, [.. files]);
        var before = Snapshot(repository.Path);

        var result = await CliRunner.RunAsync(repository.Path, "version");

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        Assert.StartsWith("slipway: error " + expected, result.Err, StringComparison.Ordinal);
        Assert.True(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 2, result.Err);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        Assert.Empty(result.Out);
        Assert.Equal(before, Snapshot(repository.Path));
    }

    [Fact]
    public async Task Directory_that_is_not_a_git_repository()
    {
        using var directory = new TempDirectory("plain");
        directory.Write("slipway.toml", "[project]\nname = \"demo\"\nversion = { json = \"package.json\" }\n");
        var before = Snapshot(directory.Path);

        var result = await CliRunner.RunAsync(directory.Path, "version");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.StartsWith($"slipway: error SLW2001: {directory.Path} is not a git repository", result.Err, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(directory.Path));
    }

    [Fact]
    public async Task Unborn_head()
    {
        using var repository = GitTestRepository.Init();
        repository.Write("slipway.toml", "[project]\nname = \"demo\"\nversion = { json = \"package.json\" }\n");
        var before = Snapshot(repository.Path);

        var result = await CliRunner.RunAsync(repository.Path, "version");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("SLW2002", result.Err, StringComparison.Ordinal);
        Assert.Contains("no commits yet", result.Err, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(repository.Path));
    }

    [Fact]
    public void A_dotnet_message_inside_an_error_is_readable_in_the_slipway_process()
    {
        // CliRunner runs in the test host; the slipway process has its own runtime settings (slipway.runtimeconfig.json),
        // where System.Resources.UseSystemResourceKeys turned .NET's messages into resource keys ("MakeException, ...").
        using var repository = GitTestRepository.Init();
        repository.Commit("bad pattern", ("slipway.toml", "[project]\nname = \"demo\"\nversion = { file = \"VERSION\", pattern = '(?<version>[' }\n"), ("VERSION", "1.2.3\n"));
        var before = Snapshot(repository.Path);

        var result = ProcessRunner.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "slipway.dll"), "version"], repository.Path);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.StartsWith("slipway: error SLW1007: slipway.toml:3:31: 'project.version.pattern' is not a valid regular expression: Invalid pattern", result.Err, StringComparison.Ordinal);
        Assert.Contains("Unterminated [] set", result.Err, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(repository.Path));
    }

    [Fact]
    public async Task Unknown_command_is_a_usage_error()
    {
        using var directory = new TempDirectory("usage");
        var result = await CliRunner.RunAsync(directory.Path, "verison");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.StartsWith("slipway: error SLW1001: Unrecognized command or argument 'verison'", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_adds_the_stack_trace()
    {
        using var directory = new TempDirectory("verbose");
        var result = await CliRunner.RunAsync(directory.Path, "version", "--verbose");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("   at ", result.Err, StringComparison.Ordinal);
    }

    private static IReadOnlyDictionary<string, string> Snapshot(string path) => DirectorySnapshot.Take(path);
}
