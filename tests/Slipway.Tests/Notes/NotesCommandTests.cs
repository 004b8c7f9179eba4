using System.Text.Json;
using Slipway.Diagnostics;
using Slipway.Oci;
using Slipway.Pipeline;
using Slipway.Pipeline.Outputs;
using Slipway.State;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Notes;

/// <summary><c>slipway notes</c> over a real repository: merge commits and squash merges since the previous release.</summary>
public sealed class NotesCommandTests : IDisposable
{
    private const string Config = """
        [project]
        name = "demo"
        version = { file = "VERSION", pattern = '(?<version>.+)' }

        """;

    private readonly GitTestRepository _repository = GitTestRepository.Init();

    public NotesCommandTests()
    {
        _repository.Git("config", "user.name", "Slipway Tests");
        _repository.Git("config", "user.email", "tests@slipway.invalid");
        _repository.Commit("initial", ("slipway.toml", Config), ("VERSION", "1.0.0\n"));
        _repository.Tag("v1.0.0", "1.0.0");
        _repository.Commit("fix: old fix (#1)");
        _repository.Tag("v1.1.0", "1.1.0");

        // A maintenance release tagged later, on a side line: not the previous release of 1.2.0.
        _repository.Git("checkout", "-q", "-b", "maint", "v1.0.0");
        _repository.Commit("fix: backported (#2)");
        _repository.Tag("v1.0.1", "1.0.1");
        _repository.Git("checkout", "-q", "main");

        _repository.Commit("feat(api): add widgets (#3)\n\nThe body of the squash merge.");
        _repository.Git("checkout", "-q", "-b", "topic");
        _repository.Commit("work in progress (#77)");
        _repository.Git("checkout", "-q", "main");
        _repository.Git("merge", "-q", "--no-ff", "topic", "-m", "Merge pull request #4 from acme/topic", "-m", "fix: repair the frobnicator\n\nIt was broken.");
        _repository.Commit("docs: not a pull request");
        _repository.Commit("chore: bump to 1.2.0", ("VERSION", "1.2.0\n"));
    }

    public void Dispose() => _repository.Dispose();

    private void WithImage()
    {
        File.AppendAllText(Path.Combine(_repository.Path, "slipway.toml"), "\n[[image]]\nrepository = \"registry.example/acme/demo\"\nlayout = \"out/oci\"\n");
        _repository.Git("commit", "-qam", "chore: an image");
    }

    private SqliteRunJournal OpenJournal()
    {
        Directory.CreateDirectory(Path.Combine(_repository.Path, ".slipway"));
        return SqliteRunJournal.Open(Path.Combine(_repository.Path, ".slipway", "state.db"), new SecretRedactor(), TimeProvider.System);
    }

    private async Task JournalSignedRunAsync(string version, Digest digest)
    {
        var token = TestContext.Current.CancellationToken;
        using var journal = OpenJournal();
        var run = (await journal.OpenRunAsync(new NewRun("demo", version, _repository.Head, "hash", []), token)).Run;
        var signatures = new ImageSignatures([new ImageSignature("registry.example/acme/demo", digest, "MEUCIQ==")], []);
        await journal.StepStartedAsync(run.Id, StepNames.Sign, token);
        await journal.StepSucceededAsync(run.Id, StepNames.Sign, StepOutputJson.Write(signatures), token);
    }

    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync(_repository.Path, args);

    [Fact]
    public async Task Prints_the_pull_requests_since_the_previous_release_grouped_by_type()
    {
        var result = await Run("notes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            "demo 1.2.0\n\n## Pull requests\n\n### Features\n\n- **api:** add widgets (#3)\n\n### Bug fixes\n\n- repair the frobnicator (#4)\n\n**Full changes**: v1.1.0...v1.2.0\n",
            result.Out);
        Assert.Equal(string.Empty, result.Err);
    }

    [Fact]
    public async Task Before_any_run_has_signed_the_images_one_line_on_stderr_says_when_the_verify_section_comes_and_no_journal_is_created()
    {
        WithImage();

        var result = await Run("notes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("## Verify", result.Out, StringComparison.Ordinal);
        Assert.Equal("slipway: no run of 1.2.0 has signed its images yet; the Verify section is written once they are signed\n", result.Err);
        Assert.False(File.Exists(Path.Combine(_repository.Path, ".slipway", "state.db")));
    }

    [Fact]
    public async Task With_a_run_of_the_version_that_signed_its_images_the_notes_end_with_the_verify_commands_for_the_signed_digest()
    {
        WithImage();
        var signed = Digest.Sha256("index"u8.ToArray());
        await JournalSignedRunAsync("1.1.0", Digest.Sha256("other"u8.ToArray()));
        await JournalSignedRunAsync("1.2.0", signed);

        var result = await Run("notes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Err);
        var verify = result.Out[result.Out.IndexOf("## Verify", StringComparison.Ordinal)..];
        Assert.Contains($"slipway verify registry.example/acme/demo@{signed} --key PATH/TO/RELEASE-SIGNING-KEY.pub", verify, StringComparison.Ordinal);
        Assert.Contains($"cosign verify --key PATH/TO/RELEASE-SIGNING-KEY.pub --insecure-ignore-tlog=true registry.example/acme/demo@{signed}", verify, StringComparison.Ordinal);
        Assert.DoesNotContain(Digest.Sha256("other"u8.ToArray()).ToString(), result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_of_the_version_that_has_not_signed_yet_gives_no_verify_section_and_the_stderr_line()
    {
        WithImage();
        using (var journal = OpenJournal())
        {
            await journal.OpenRunAsync(new NewRun("demo", "1.2.0", _repository.Head, "hash", []), TestContext.Current.CancellationToken);
        }

        var result = await Run("notes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("## Verify", result.Out, StringComparison.Ordinal);
        Assert.Contains("the Verify section is written once they are signed", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_gives_the_sections_and_the_previous_release()
    {
        var result = await Run("notes", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal("1.2.0", json.GetProperty("version").GetString());
        Assert.Equal("v1.1.0", json.GetProperty("previousTag").GetString());
        Assert.Equal(_repository.Head, json.GetProperty("commit").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("sections").GetProperty("narrative").ValueKind);
        Assert.Contains("(#4)", json.GetProperty("sections").GetProperty("pullRequests").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("#77", json.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.False(json.GetProperty("truncated").GetBoolean());
        Assert.Equal(1_000_000, json.GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task A_released_version_lists_what_its_tag_released()
    {
        var result = await Run("notes", "--version", "1.0.1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("demo 1.0.1\n\n## Pull requests\n\n### Bug fixes\n\n- backported (#2)\n\n**Full changes**: v1.0.0...v1.0.1\n", result.Out);
    }

    [Fact]
    public async Task Fragments_come_first_then_a_rule_then_the_pull_requests()
    {
        _repository.Commit(
            "fragments",
            ("slipway.toml", Config + "\n[changelog]\ndirectory = \"changelog.d\"\nfilename = \"CHANGES.md\"\n"),
            ("changelog.d/3.feature.md", "Widgets can be added.\n"));

        var result = await Run("notes");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rule = result.Out.IndexOf("\n---\n\n## Pull requests", StringComparison.Ordinal);
        Assert.True(rule > 0, result.Out);
        Assert.Contains("Widgets can be added.", result.Out[..rule], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notes_ai_without_a_model_is_refused_before_anything()
    {
        _repository.Write("slipway.toml", Config + "\n[notes.ai]\nendpoint = \"http://127.0.0.1:9/v1\"\n");
        var before = DirectorySnapshot.Take(_repository.Path);

        var result = await Run("notes");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("slipway: error SLW1006: slipway.toml:", result.Err, StringComparison.Ordinal);
        Assert.Contains("notes.ai.model", result.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
        Assert.Equal(before, DirectorySnapshot.Take(_repository.Path));
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_one_warning_and_the_notes_go_on()
    {
        _repository.Write("slipway.toml", Config + $"\n[notes.ai]\nendpoint = \"http://127.0.0.1:{Infra.Registry.FreePort.Next()}/v1\"\nmodel = \"m\"\ntimeout = \"5s\"\n");

        var result = await Run("notes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("demo 1.2.0\n\n## Pull requests\n", result.Out, StringComparison.Ordinal);
        var warning = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("slipway: warning SLW7110: the release narrative was left out: cannot reach http://127.0.0.1:", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_ai_asks_no_model()
    {
        _repository.Write("slipway.toml", Config + "\n[notes.ai]\nendpoint = \"http://127.0.0.1:9/v1\"\nmodel = \"m\"\n");

        var result = await Run("notes", "--no-ai");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Err);
    }

    [Fact]
    public async Task A_version_outside_the_scheme_is_refused()
    {
        var result = await Run("notes", "--version", "one.two");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("slipway: error SLW7102: --version 'one.two' is not a SemVer", result.Err, StringComparison.Ordinal);
    }
}
