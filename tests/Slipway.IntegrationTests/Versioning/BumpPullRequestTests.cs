using Slipway.Diagnostics;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.GitHub;

namespace Slipway.IntegrationTests.Versioning;

/// <summary>
/// <c>slipway bump --pr</c> against a bare remote and the local GitHub endpoint: the bump is committed on slipway/bump
/// from HEAD without touching the checkout, pushed there only, and proposed once; every refusal pushes nothing.
/// </summary>
public sealed class BumpPullRequestTests : IDisposable
{
    private readonly GitTestRepository _repository = GitTestRepository.Init();
    private readonly GitTestRepository _remote = GitTestRepository.InitBare();
    private readonly LocalGitHub _github = new();
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public BumpPullRequestTests()
    {
        _environment["GITHUB_TOKEN"] = _github.Token;
        _repository.Commit("initial", ("slipway.toml", Config("github")), ("VERSION", "1.2.3\n"));
        _repository.AddRemote(_remote);
        _repository.Git("push", "-q", "origin", "main");
        _github.HeadExists = branch => _remote.TryGit("rev-parse", "-q", "--verify", $"refs/heads/{branch}").ExitCode == 0;
    }

    public void Dispose()
    {
        var violations = _github.Violations;
        _github.Dispose();
        _repository.Dispose();
        _remote.Dispose();
        Assert.Empty(violations);
    }

    private string Config(string kind) =>
        $"""
        [project]
        name = "demo"
        version = {"{"} file = "VERSION", pattern = '^(?<version>\S+)$' {"}"}
        tag = "v{"{"}version{"}"}"

        [forge]
        kind = "{kind}"
        remote = "origin"
        {(kind == "github" ? $"repository = \"{_github.Owner}/{_github.Name}\"\napi-url = \"{_github.BaseUri}\"\nupload-url = \"{_github.BaseUri}\"\n" : string.Empty)}
        """;

    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync(_repository.Path, _environment, args);

    private string? RemoteBranch() =>
        _remote.TryGit("rev-parse", "-q", "--verify", "refs/heads/slipway/bump") is { ExitCode: 0 } found ? found.Out.Trim() : null;

    [Fact]
    public async Task The_bump_is_committed_on_slipway_bump_from_head_pushed_and_proposed_into_the_current_branch()
    {
        var head = _repository.Head;

        var result = await Run("bump", "patch", "--pr");

        Assert.True(result.ExitCode == 0, result.ToString());
        var branch = RemoteBranch();
        Assert.NotNull(branch);
        Assert.Equal(head, _remote.Git("rev-parse", "refs/heads/slipway/bump^"));
        Assert.Equal("1.2.4", _remote.Git("show", "refs/heads/slipway/bump:VERSION"));
        Assert.Equal("1.2.4", _remote.Git("log", "-1", "--format=%(trailers:key=Slipway-Bump,valueonly)", "refs/heads/slipway/bump"));
        Assert.Equal(["VERSION"], _remote.Git("diff", "--name-only", head, "refs/heads/slipway/bump").Split('\n'));
        // The checkout is left alone: same HEAD, same file, nothing staged, no local branch.
        Assert.Equal(head, _repository.Head);
        Assert.Equal("1.2.3\n", File.ReadAllText(Path.Combine(_repository.Path, "VERSION")));
        Assert.Equal(string.Empty, _repository.Git("status", "--porcelain"));
        Assert.Equal(head, _remote.Git("rev-parse", "refs/heads/main"));
        var pull = Assert.Single(_github.Pulls);
        Assert.Equal(("slipway/bump", "main", "chore: bump version to 1.2.4"), ((string)pull["head"]!["ref"]!, (string)pull["base"]!["ref"]!, (string)pull["title"]!));
        Assert.Contains($"opened pull request #{(long)pull["number"]!}", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_bump_moves_slipway_bump_and_updates_its_pull_request_instead_of_opening_another()
    {
        var first = await Run("bump", "patch", "--pr");
        Assert.True(first.ExitCode == 0, first.ToString());

        var second = await Run("bump", "minor", "--pr");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("1.3.0", _remote.Git("show", "refs/heads/slipway/bump:VERSION"));
        Assert.Equal(_repository.Head, _remote.Git("rev-parse", "refs/heads/slipway/bump^"));
        Assert.Equal("chore: bump version to 1.3.0", (string)Assert.Single(_github.Pulls)["title"]!);
        Assert.Single(_github.Requests, r => r == "POST /repos/acme/demo/pulls");
        Assert.Contains("updated pull request #", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_head_that_is_itself_a_bump_commit_is_refused_and_nothing_is_pushed()
    {
        _repository.Git("commit", "-q", "--allow-empty", "-m", "Bump version to 1.2.3\n\nSlipway-Bump: 1.2.3");

        var result = await Run("bump", "patch", "--pr");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Equal("slipway: error SLW7021: HEAD is itself a bump commit (Slipway-Bump: 1.2.3); nothing was pushed", result.Err.Split('\n')[0]);
        Assert.Null(RemoteBranch());
        Assert.Empty(_github.Requests);
    }

    [Fact]
    public async Task The_git_forge_is_refused_and_nothing_is_pushed()
    {
        File.WriteAllText(Path.Combine(_repository.Path, "slipway.toml"), Config("git"));
        _repository.Git("commit", "-qam", "plain git forge");

        var result = await Run("bump", "patch", "--pr");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.StartsWith("slipway: error SLW7020: ", result.Err, StringComparison.Ordinal);
        Assert.Null(RemoteBranch());
    }

    [Fact]
    public async Task A_missing_token_is_refused_before_anything_is_committed_or_pushed()
    {
        _environment.Remove("GITHUB_TOKEN");
        var objects = _repository.Git("count-objects");

        var result = await Run("bump", "patch", "--pr");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.StartsWith("slipway: error SLW7002: ", result.Err, StringComparison.Ordinal);
        Assert.Contains("GITHUB_TOKEN", result.Err, StringComparison.Ordinal);
        Assert.Null(RemoteBranch());
        Assert.Empty(_github.Requests);
        Assert.Equal(objects, _repository.Git("count-objects"));
    }

    [Fact]
    public async Task Pr_with_commit_is_a_usage_error()
    {
        var result = await Run("bump", "patch", "--pr", "--commit");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Null(RemoteBranch());
        Assert.Equal("1.2.3\n", File.ReadAllText(Path.Combine(_repository.Path, "VERSION")));
    }
}
