using System.Text.RegularExpressions;
using Slipway.Ci;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Ci;

/// <summary><c>slipway ci github</c>: what it writes, what --check says, and every configuration it refuses (exit 2, nothing written).</summary>
public sealed partial class CiGitHubCommandTests : IDisposable
{
    private const string Action = "acme/slipway@0123456789abcdef0123456789abcdef01234567";

    private const string Base = """
        [project]
        name = "demo"
        version = { file = "VERSION", pattern = '(?<version>[0-9.]+)' }

        [build]
        command = "./build.sh"

        [[image]]
        repository = "ghcr.io/acme/demo"
        layout = "artifacts/oci"

        """;

    private const string Postgres = """
        [state]
        store = "postgres:Host=db.example.com;Database=slipway"
        password = "env:SLIPWAY_DB_PASSWORD"

        """;

    private const string Ci = $"""
        [ci.github]
        action = "{Action}"

        """;

    private readonly GitTestRepository _repository = GitTestRepository.Init();

    public CiGitHubCommandTests() => _repository.Write("VERSION", "1.2.3\n");

    public void Dispose() => _repository.Dispose();

    private string WorkflowPath => Path.Combine(_repository.Path, ".github", "workflows", "release.yml");

    private Task<CliResult> Run(string toml, params string[] args)
    {
        _repository.Write("slipway.toml", toml);
        return CliRunner.RunAsync(_repository.Path, ["ci", "github", .. args]);
    }

    [Fact]
    public async Task Writes_the_workflow_and_writes_the_same_bytes_again()
    {
        var result = await Run(Base + Postgres + Ci);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("wrote .github/workflows/release.yml\n", result.Out);
        var first = File.ReadAllBytes(WorkflowPath);

        Assert.Equal(0, (await Run(Base + Postgres + Ci)).ExitCode);
        Assert.Equal(first, File.ReadAllBytes(WorkflowPath));
        Assert.DoesNotContain((byte)'\r', first);
    }

    [Fact]
    public async Task Secrets_set_while_generating_change_nothing_and_are_never_written()
    {
        Assert.Equal(0, (await Run(Base + Postgres + Ci)).ExitCode);
        var without = File.ReadAllBytes(WorkflowPath);
        var environment = new Dictionary<string, string> { ["SLIPWAY_DB_PASSWORD"] = "hunter2-db", ["GITHUB_TOKEN"] = "ghp_hunter2" };
        var result = await CliRunner.RunAsync(_repository.Path, environment, "ci", "github");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(without, File.ReadAllBytes(WorkflowPath));
        Assert.DoesNotContain("hunter2", File.ReadAllText(WorkflowPath) + result.Out + result.Err, StringComparison.Ordinal);
        Assert.Contains("SLIPWAY_DB_PASSWORD: ${{ secrets.SLIPWAY_DB_PASSWORD }}", File.ReadAllText(WorkflowPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_passes_when_equal_fails_naming_the_file_when_it_differs_and_changes_nothing()
    {
        Assert.Equal(0, (await Run(Base + Postgres + Ci)).ExitCode);
        var equal = await Run(Base + Postgres + Ci, "--check");
        Assert.Equal(0, equal.ExitCode);
        Assert.Equal(".github/workflows/release.yml is up to date\n", equal.Out);

        var edited = File.ReadAllText(WorkflowPath).Replace("timeout-minutes: 30", "timeout-minutes: 31", StringComparison.Ordinal);
        File.WriteAllText(WorkflowPath, edited);
        var differs = await Run(Base + Postgres + Ci, "--check");
        Assert.Equal(1, differs.ExitCode);
        Assert.StartsWith("slipway: error SLW8602: .github/workflows/release.yml differs from what the configuration generates\n", differs.Err, StringComparison.Ordinal);
        Assert.Equal(edited, File.ReadAllText(WorkflowPath));

        // A changed configuration is drift too.
        File.WriteAllText(WorkflowPath, edited.Replace("timeout-minutes: 31", "timeout-minutes: 30", StringComparison.Ordinal));
        var drift = await Run(Base + Postgres + Ci + "timeout-minutes = 45\n", "--check");
        Assert.Equal(1, drift.ExitCode);
        Assert.Contains("SLW8602", drift.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_fails_when_the_file_is_missing_and_writes_nothing()
    {
        var result = await Run(Base + Postgres + Ci, "--check", "--out", "ci/release.yml");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("slipway: error SLW8603: ci/release.yml does not exist\n", result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_repository.Path, "ci")));
    }

    [Fact]
    public async Task A_sqlite_journal_is_refused_naming_why_and_nothing_is_written()
    {
        var result = await Run(Base + Ci);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("slipway: error SLW8600: [state] store is sqlite: the jobs of a workflow run on different machines, and a sqlite journal on one runner's disk cannot be shared between them\n", result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_repository.Path, ".github")));
    }

    [Theory]
    [InlineData("[state]\nstore = \"postgres:Host=db;Database=s\"\n", "[state] has no password")]
    [InlineData("[signing]\nkey = \"keys/release.pem\"\n", "[signing] key is a file, which no runner has")]
    [InlineData("[[registry]]\nhost = \"ghcr.io\"\nusername = \"acme\"\npassword = \"env:GITHUB_APP_KEY\"\n", "cannot be a GitHub secret name")]
    [InlineData("[forge]\nremote = \"upstream\"\n", "[forge] remote is 'upstream'")]
    [InlineData("[ci.github.platforms]\n\"linux/s390x\" = { runs-on = \"big-iron\" }\n", "[ci.github.platforms] names linux/s390x, which no [[image]] layouts builds")]
    [InlineData("[[image]]\nrepository = \"ghcr.io/acme/other\"\nlayouts = { \"linux/amd64\" = \"out/amd64\" }\n", "has one layout while ghcr.io/acme/other has one per platform")]
    [InlineData("[[image]]\nrepository = \"ghcr.io/acme/other\"\nlayout = \"out/x\\n          evil: true\"\n", "which upload-artifact would read as a pattern")]
    [InlineData("[[image]]\nrepository = \"ghcr.io/acme/other\"\nlayout = \"out/*\"\n", "'out/*', which upload-artifact would read as a pattern")]
    public async Task A_configuration_the_workflow_cannot_express_is_refused_naming_what_and_nothing_is_written(string extra, string message)
    {
        var toml = Base + extra + Ci + (extra.StartsWith("[state]", StringComparison.Ordinal) ? string.Empty : Postgres);
        var result = await Run(toml);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("slipway: error SLW8601: the workflow cannot express this configuration: ", result.Err, StringComparison.Ordinal);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_repository.Path, ".github")));
    }

    [Fact]
    public async Task A_journal_password_written_into_slipway_toml_is_refused_without_printing_it()
    {
        var toml = Base.Replace("[project]\n", "[project]\nallow-literal-secrets = true\n", StringComparison.Ordinal) + Ci
            + "[state]\nstore = \"postgres:Host=db;Database=s\"\npassword = \"hunter2-literal\"\n";
        var result = await Run(toml);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("SLW8601", result.Err, StringComparison.Ordinal);
        Assert.Contains("'state.password' at slipway.toml", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Err + result.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_repository.Path, ".github")));
    }

    [Fact]
    public async Task The_default_action_is_pinned_to_the_commit_this_slipway_was_built_from()
    {
        var result = await Run(Base + Postgres);
        Assert.Equal(0, result.ExitCode);
        var uses = ActionUse().Matches(File.ReadAllText(WorkflowPath)).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Single(uses);
        Assert.Matches($"^{Regex.Escape(GitHubWorkflow.DefaultActionRepository)}@[0-9a-f]{{40}}$", uses[0]);
    }

    [Fact]
    public void Without_a_known_build_commit_the_default_action_cannot_be_pinned()
    {
        _repository.Write("slipway.toml", Base + Postgres);
        var config = ConfigLoader.Load(Path.Combine(_repository.Path, "slipway.toml"), _repository.Path, new DictionaryEnvironment(), new SecretRedactor());
        var error = Assert.Throws<SlipwayException>(() => GitHubWorkflow.Generate(config, _repository.Path, null));
        Assert.Equal(ErrorCode.CiActionNotPinned, error.Code);
        Assert.Equal(2, error.ExitCode);
    }

    [Theory]
    [InlineData("action = \"acme/slipway@v1\"\n", "'ci.github.action' is 'acme/slipway@v1'; write OWNER/REPO@SHA")]
    [InlineData("action = \"acme/slipway@0123456789ABCDEF0123456789abcdef01234567\"\n", "'ci.github.action'")]
    [InlineData("timeout-minutes = 0\n", "'ci.github.timeout-minutes' is 0")]
    [InlineData("approval-timeout-minutes = 361\n", "'ci.github.approval-timeout-minutes' is 361")]
    [InlineData("runs-on = \"ubuntu-latest; rm -rf /\"\n", "'ci.github.runs-on' is")]
    [InlineData("approval-environment = \"prod'\"\n", "'ci.github.approval-environment' is")]
    [InlineData("run-on = \"x\"\n", "unknown key 'ci.github.run-on', did you mean 'runs-on'?")]
    [InlineData("[ci.github.platforms]\n\"linux\" = { runs-on = \"x\" }\n", "names platform 'linux'")]
    [InlineData("[ci.github.platforms]\n\"linux/arm64\" = { runs_on = \"x\" }\n", "runs_on")]
    public async Task Bad_ci_github_keys_are_configuration_errors(string keys, string message)
    {
        var result = await Run(Base + Postgres + "[ci.github]\n" + keys);
        Assert.Equal(2, result.ExitCode);
        Assert.Matches("^slipway: error SLW100[0-9]: slipway.toml:", result.Err);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_repository.Path, ".github")));
    }

    [Fact]
    public async Task Out_outside_the_repository_is_refused_and_nothing_is_written()
    {
        using var outside = new TempDirectory("outside");
        var result = await Run(Base + Postgres + Ci, "--out", Path.Combine(outside.Path, "release.yml"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error SLW", result.Err, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside.Path));
    }

    [Fact]
    public async Task Out_through_a_link_that_leaves_the_repository_is_refused()
    {
        using var outside = new TempDirectory("outside");
        Directory.CreateDirectory(Path.Combine(_repository.Path, ".github"));
        File.CreateSymbolicLink(Path.Combine(_repository.Path, ".github", "workflows"), outside.Path);
        var result = await Run(Base + Postgres + Ci);
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside.Path));
    }

    [Fact]
    public async Task Help_names_the_options_and_the_configuration_keys()
    {
        var result = await CliRunner.RunAsync(_repository.Path, "ci", "github", "--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var text in new[] { "--out", "--check", "runs-on", "timeout-minutes", "approval-environment", "approval-timeout-minutes", "action", "[ci.github.platforms]", "postgres" })
        {
            Assert.Contains(text, result.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("v{version}", "'v*'")]
    [InlineData("release+{version}", "'release\\+*'")]
    [InlineData("{version}", "'*'")]
    [InlineData("v{version}-[rc]", "'v*-\\[rc\\]'")]
    public async Task Tag_pushes_that_match_the_tag_template_trigger_the_workflow(string tag, string filter)
    {
        var result = await Run(Base.Replace("[project]\n", $"[project]\ntag = \"{tag}\"\nrelease-branch = \"release/1.x\"\n", StringComparison.Ordinal) + Postgres + Ci);
        Assert.Equal(0, result.ExitCode);
        var text = File.ReadAllText(WorkflowPath);
        Assert.Contains($"  push:\n    branches:\n      - release/1.x\n    tags:\n      - {filter}\n  workflow_dispatch: {{}}\n", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"uses: (\S+)\n")]
    private static partial Regex ActionUse();
}
