using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Forges;
using Slipway.Forges.GitHub;
using Slipway.Git;
using Slipway.Tests.Infra.GitHub;

namespace Slipway.IntegrationTests.Forges;

/// <summary>The GitHub forge against the local GitHub endpoint, plus what only a forge with drafts and assets must do.</summary>
public sealed class GitHubForgeContractTests : ForgeContractTests
{
    private readonly LocalGitHub _github = new();
    private readonly SecretRedactor _redactor = new();

    protected override IForge CreateForge() => CreateForge(new Dictionary<string, string>(StringComparer.Ordinal) { ["GITHUB_TOKEN"] = _github.Token });

    private GitHubForge CreateForge(Dictionary<string, string> environment, string? prTokenVariable = null) =>
        new(
            new ForgeSection(ForgeSection.GitHubKind, "origin")
            {
                Repository = new GitHubRepository(_github.Owner, _github.Name),
                ApiUrl = _github.BaseUri,
                UploadUrl = _github.BaseUri,
                Token = new Secret(null, "GITHUB_TOKEN", new SourceLocation("slipway.toml", 20, 1), "forge.token"),
                PrToken = prTokenVariable is null ? null : new Secret(null, prTokenVariable, new SourceLocation("slipway.toml", 21, 1), "forge.pr-token"),
            },
            Config.Project,
            new GitCli(Project.Repository.Path),
            new DictionaryEnvironment(environment),
            _redactor,
            o => o with { RetryDelay = TimeSpan.Zero });

    protected override void ReleasedElsewhere(string tag, string commit) => _github.AddRelease(tag, commit, draft: false);

    protected override bool HasPullRequests => true;

    protected override int OpenPullRequests(string head) =>
        _github.Pulls.Count(p => (string)p["state"]! == "open" && (string)p["head"]!["ref"]! == head);

    private IReadOnlyList<string> Writes() => [.. _github.Requests.Where(r => !r.StartsWith("GET ", StringComparison.Ordinal))];

    [Fact]
    public async Task The_draft_is_created_at_the_built_commit_then_every_asset_is_uploaded_then_it_is_published()
    {
        using var forge = CreateForge();
        var request = Request(Project.BuiltCommit, "v1.2.3", Asset("app.txt", "built\n"), Asset("SHA256SUMS", "x  app.txt\n"));

        await ReleaseAsync(forge, request);

        var writes = Writes();
        Assert.Equal(4, writes.Count);
        Assert.Equal("POST /repos/acme/demo/releases", writes[0]);
        Assert.All(writes.Skip(1).Take(2), w => Assert.StartsWith("POST /repos/acme/demo/releases/1/assets?name=", w, StringComparison.Ordinal));
        Assert.Equal("PATCH /repos/acme/demo/releases/1", writes[3]);
        var release = Assert.Single(_github.Releases);
        Assert.Equal((false, Project.BuiltCommit, "true"), ((bool)release["draft"]!, (string)release["target_commitish"]!, (string)release["x_make_latest"]!));
        Assert.Equal("built\n"u8.ToArray(), _github.AssetBytes(1, "app.txt"));
    }

    [Fact]
    public async Task A_rerun_reuses_the_draft_an_interrupted_run_left_and_uploads_only_what_is_missing()
    {
        var id = _github.AddRelease("v1.2.3", Project.BuiltCommit, draft: true);
        _github.AddAsset(id, "app.txt", "built\n"u8.ToArray());
        using var forge = CreateForge();

        var draft = await forge.DraftAsync(Request(Project.BuiltCommit, "v1.2.3", Asset("app.txt", "built\n"), Asset("b.txt", "b\n")), static (_, _) => Task.CompletedTask, Token);

        Assert.Equal((id, false), (draft!.Id, draft.Created));
        Assert.Single(_github.Releases);
        Assert.Equal(["PATCH /repos/acme/demo/releases/1", "POST /repos/acme/demo/releases/1/assets?name=b.txt"], Writes());
    }

    [Fact]
    public async Task An_asset_already_there_with_another_digest_is_a_conflict_and_nothing_is_published()
    {
        var id = _github.AddRelease("v1.2.3", Project.BuiltCommit, draft: true);
        _github.AddAsset(id, "app.txt", "stale\n"u8.ToArray());
        using var forge = CreateForge();

        var error = await Assert.ThrowsAsync<SlipwayException>(() => ReleaseAsync(forge, Request(Project.BuiltCommit, "v1.2.3", Asset("app.txt", "built\n"))));

        Assert.Equal(ErrorCode.ReleaseAssetConflict, error.Code);
        Assert.True((bool)Assert.Single(_github.Releases)["draft"]!);
    }

    [Fact]
    public async Task A_lost_answer_after_a_successful_upload_is_decided_by_the_digest_and_not_uploaded_twice()
    {
        _github.Inject("POST", "/assets$", GitHubFault.LoseResponse);
        using var forge = CreateForge();

        await ReleaseAsync(forge, Request(Project.BuiltCommit, "v1.2.3", Asset("app.txt", "built\n")));

        Assert.Single(Writes(), w => w.Contains("/assets?name=app.txt", StringComparison.Ordinal));
        Assert.False((bool)Assert.Single(_github.Releases)["draft"]!);
    }

    [Fact]
    public async Task A_5xx_and_a_secondary_rate_limit_on_listing_are_waited_out()
    {
        _github.Inject("GET", "/releases$", GitHubFault.ServerError);
        _github.Inject("GET", "/releases$", GitHubFault.SecondaryRateLimit);
        using var forge = CreateForge();

        Assert.Null(await forge.FindReleaseAsync("v1.2.3", Token));

        Assert.Equal(3, _github.Requests.Count(r => r.StartsWith("GET /repos/acme/demo/releases?", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_5xx_on_creating_the_draft_is_not_retried_blindly()
    {
        _github.Inject("POST", "/releases$", GitHubFault.ServerError);
        using var forge = CreateForge();

        var error = await Assert.ThrowsAsync<SlipwayException>(() => ReleaseAsync(forge, Request(Project.BuiltCommit)));

        Assert.Equal(ErrorCode.GitHubRequestFailed, error.Code);
        Assert.Single(Writes());
        Assert.Empty(_github.Releases);
    }

    [Fact]
    public async Task Nothing_is_uploaded_to_a_published_release_and_an_immutable_one_is_never_sent_a_change()
    {
        _github.AddRelease("v1.2.3", Project.BuiltCommit, draft: false, immutable: true);
        using var forge = CreateForge();

        var error = await Assert.ThrowsAsync<SlipwayException>(() => forge.DraftAsync(Request(Project.BuiltCommit, "v1.2.3", Asset("app.txt", "x")), static (_, _) => Task.CompletedTask, Token));

        Assert.Equal(ErrorCode.ReleaseImmutable, error.Code);
        Assert.Empty(Writes());
    }

    [Fact]
    public async Task A_draft_missing_an_asset_is_not_published()
    {
        _github.AddRelease("v1.2.3", Project.BuiltCommit, draft: true);
        using var forge = CreateForge();

        var error = await Assert.ThrowsAsync<SlipwayException>(() => forge.CreateReleaseAsync(Request(Project.BuiltCommit, "v1.2.3", Asset("app.txt", "x")), Token));

        Assert.Equal(ErrorCode.ReleaseDraftIncomplete, error.Code);
        Assert.Empty(Writes());
    }

    [Fact]
    public async Task Discarding_deletes_only_a_draft_this_run_created_and_never_a_published_release()
    {
        var theirs = _github.AddRelease("v1.0.0", Project.BuiltCommit, draft: true);
        var published = _github.AddRelease("v1.1.0", Project.BuiltCommit, draft: false);
        var ours = _github.AddRelease("v1.2.3", Project.BuiltCommit, draft: true);
        using var forge = CreateForge();

        await forge.DiscardDraftAsync(new ForgeDraft("v1.0.0", theirs, Created: false), Token);
        await forge.DiscardDraftAsync(new ForgeDraft("v1.1.0", published, Created: true), Token);
        await forge.DiscardDraftAsync(new ForgeDraft("v1.2.3", ours, Created: true), Token);

        Assert.Equal([theirs, published], _github.Releases.Select(r => (long)r["id"]!).Order());
    }

    [Fact]
    public async Task A_missing_token_is_one_coded_error_before_any_request()
    {
        using var forge = CreateForge(new Dictionary<string, string>(StringComparer.Ordinal));

        var error = await Assert.ThrowsAsync<SlipwayException>(() => forge.CheckAsync(Token));

        Assert.Equal((ErrorCode.ForgeTokenMissing, 2), (error.Code, error.ExitCode));
        Assert.Contains("GITHUB_TOKEN", error.Message, StringComparison.Ordinal);
        Assert.Empty(_github.Requests);
    }

    [Fact]
    public async Task The_token_never_reaches_an_error_message()
    {
        using var forge = CreateForge(new Dictionary<string, string>(StringComparer.Ordinal) { ["GITHUB_TOKEN"] = "ghs_wrong" });

        var error = await Assert.ThrowsAsync<SlipwayException>(() => forge.FindReleaseAsync("v1.2.3", Token));

        Assert.Equal(ErrorCode.GitHubUnauthorized, error.Code);
        Assert.DoesNotContain("ghs_wrong", error.Message + error.Hint, StringComparison.Ordinal);
        Assert.Equal("***", _redactor.Redact("ghs_wrong"));
    }

    [Fact]
    public async Task A_prerelease_is_published_as_a_prerelease_and_never_made_latest()
    {
        using var forge = CreateForge();
        var request = Request(Project.BuiltCommit, "v1.2.3-rc.1") with { Version = "1.2.3-rc.1", Prerelease = true };

        await ReleaseAsync(forge, request);

        var release = Assert.Single(_github.Releases);
        Assert.Equal((true, "false"), ((bool)release["prerelease"]!, (string)release["x_make_latest"]!));
    }

    [Fact]
    public async Task A_release_below_the_highest_published_one_is_not_made_latest()
    {
        _github.AddRelease("v2.0.0", Project.BuiltCommit, draft: false);
        using var forge = CreateForge();

        await ReleaseAsync(forge, Request(Project.BuiltCommit, "v1.2.3"));

        Assert.Equal("false", (string)_github.Releases.Single(r => (string)r["tag_name"]! == "v1.2.3")["x_make_latest"]!);
    }

    [Fact]
    public void The_endpoint_refuses_a_request_body_off_githubs_schema()
    {
        var schema = OpenApiSubset.Load();

        var problems = schema.CheckRequest(
            "PATCH",
            "/repos/acme/demo/releases/1",
            [],
            System.Text.Json.Nodes.JsonNode.Parse("""{"draft":"no","make_latest":true,"latest":"true"}"""));

        Assert.Equal(3, problems.Count);
        Assert.NotEmpty(schema.CheckRequest("POST", "/repos/acme/demo/releases/1/assets", [], null));
        Assert.NotEmpty(schema.CheckRequest("PUT", "/repos/acme/demo/releases", [], null));
    }

    [Fact]
    public async Task Generate_notes_returns_the_body_github_generated()
    {
        using var client = new GitHubClient(new GitHubClientOptions(_github.BaseUri, _github.BaseUri, new GitHubRepository("acme", "demo"), _github.Token));

        var body = await client.GenerateReleaseNotesAsync("v1.2.3", Project.BuiltCommit, "v1.2.2", Token);

        Assert.Equal("## What's Changed\n* Generated for v1.2.3 since v1.2.2 by @octocat in #1\n", body);
    }

    /// <summary>On the GitHub forge the release body's pull request list is generate-notes' body, from the previous tag to the built commit.</summary>
    [Fact]
    public async Task The_pull_request_list_of_the_github_forge_is_the_one_github_generates()
    {
        using var forge = CreateForge(new Dictionary<string, string>(StringComparer.Ordinal) { ["GITHUB_TOKEN"] = _github.Token });
        Project.Repository.Git("tag", "v1.2.2", Project.BuiltCommit);

        var list = await ((Slipway.Notes.IPullRequestList)forge).ListAsync(new Slipway.Notes.ReleaseRange("v1.2.3", Project.BuiltCommit, "v1.2.2"), Token);

        Assert.Equal("## What's Changed\n* Generated for v1.2.3 since v1.2.2 by @octocat in #1\n", list.Markdown);
    }

    [Fact]
    public async Task An_unfinished_release_opens_one_tracking_issue_with_the_resume_command_and_later_failures_comment_on_it()
    {
        _github.AddIssue("Release 1.2.3 did not finish", "closed long ago", closed: true);
        _github.AddIssue("Release 1.2.2 did not finish");
        using var forge = CreateForge();
        var first = new UnfinishedRelease("1.2.3", "run-0042", "create-release", "publish-packages", "PATCH returned 502: Server Error");

        var opened = await forge.ReportUnfinishedAsync(first, Token);
        var again = await forge.ReportUnfinishedAsync(first with { Failure = "PATCH returned 422: immutable" }, Token);

        Assert.NotNull(opened);
        Assert.False(opened.Existing);
        Assert.Equal((opened.Number, true), (again!.Number, again.Existing));
        var issue = Assert.Single(_github.Issues, i => (string)i["state"]! == "open" && (string)i["title"]! == "Release 1.2.3 did not finish");
        Assert.Equal(3, (long)issue["number"]!);
        var body = (string)issue["body"]!;
        Assert.Contains("```sh\nslipway resume run-0042\n```", body, StringComparison.Ordinal);
        Assert.Contains("`create-release` failed", body, StringComparison.Ordinal);
        Assert.Contains("PATCH returned 502: Server Error", body, StringComparison.Ordinal);
        var comment = Assert.Single(_github.Comments(opened.Number));
        Assert.Contains("slipway resume run-0042", comment, StringComparison.Ordinal);
        Assert.Contains("PATCH returned 422: immutable", comment, StringComparison.Ordinal);
        Assert.Empty(_github.Comments(1));
    }

    [Fact]
    public async Task The_token_never_reaches_the_tracking_issue_and_a_message_cannot_break_out_of_its_fence()
    {
        using var forge = CreateForge();
        var failure = $"push refused for https://x-access-token:{_github.Token}@github.com/acme/demo\n```\n@everyone slipway resume other-run";

        await forge.ReportUnfinishedAsync(new UnfinishedRelease("1.2.3", "run-7", "finalize-changelog", "create-release", failure), Token);

        var body = (string)Assert.Single(_github.Issues)["body"]!;
        Assert.DoesNotContain(_github.Token, body, StringComparison.Ordinal);
        Assert.DoesNotContain(_github.Token, string.Join('\n', _github.Requests), StringComparison.Ordinal);
        Assert.Contains("````text\n", body, StringComparison.Ordinal);
        Assert.EndsWith("```sh\nslipway resume run-7\n```", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_open_pull_request_from_the_branch_is_found_by_owner_and_head_and_updated_not_duplicated()
    {
        const string Head = "slipway/post-release-1.2.3";
        _github.AddPull("feature/other", "main", "chore: release notes for 1.2.3");
        _github.AddPull(Head, "main", "an old attempt", closed: true);
        var open = _github.AddPull(Head, "develop", "chore: release notes for 1.2.3", "stale body");
        using var forge = CreateForge();
        var pull = new ProposedPullRequest(Head, "main", "chore: release notes for 1.2.3", "The release notes of 1.2.3.");

        var found = await forge.OpenPullRequestAsync(pull, Token);
        var again = await forge.OpenPullRequestAsync(pull, Token);

        Assert.Equal((open, true), (found!.Number, found.Existing));
        Assert.Equal((open, true), (again!.Number, again.Existing));
        Assert.Equal(3, _github.Pulls.Count);
        var updated = _github.Pulls.Single(p => (long)p["number"]! == open);
        Assert.Equal(("main", "The release notes of 1.2.3."), ((string)updated["base"]!["ref"]!, (string)updated["body"]!));
        Assert.Equal([$"PATCH /repos/acme/demo/pulls/{open}"], Writes());
        Assert.All(
            _github.Requests.Where(r => r.StartsWith("GET /repos/acme/demo/pulls", StringComparison.Ordinal)),
            r => Assert.Contains("head=acme%3Aslipway%2Fpost-release-1.2.3&state=open", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pull_request_is_opened_with_the_pr_token_and_the_release_with_the_forge_token()
    {
        const string AppToken = "ghs_app_installation_token";
        _github.AcceptToken(AppToken);
        using var forge = CreateForge(new Dictionary<string, string>(StringComparer.Ordinal) { ["GITHUB_TOKEN"] = _github.Token, ["RELEASE_APP_TOKEN"] = AppToken }, "RELEASE_APP_TOKEN");
        await forge.CheckAsync(Token);
        await ReleaseAsync(forge, Request(Project.BuiltCommit));

        var pull = await forge.OpenPullRequestAsync(new ProposedPullRequest("slipway/post-release-1.2.3", "main", "chore: release notes for 1.2.3", "notes"), Token);

        Assert.False(pull!.Existing);
        var seen = _github.Requests.Zip(_github.RequestTokens).ToList();
        Assert.Equal(2, seen.Count(s => s.First.Contains("/pulls", StringComparison.Ordinal)));
        Assert.All(seen.Where(s => s.First.Contains("/pulls", StringComparison.Ordinal)), s => Assert.Equal(AppToken, s.Second));
        Assert.All(seen.Where(s => s.First.Contains("/releases", StringComparison.Ordinal)), s => Assert.Equal(_github.Token, s.Second));
    }

    [Fact]
    public async Task A_pull_request_is_opened_with_the_forge_token_when_no_pr_token_is_set()
    {
        using var forge = CreateForge();

        await forge.OpenPullRequestAsync(new ProposedPullRequest("slipway/bump", "main", "chore: bump version to 1.2.4", "bump"), Token);

        Assert.Equal([_github.Token, _github.Token], _github.RequestTokens);
        Assert.Equal("POST /repos/acme/demo/pulls", Writes().Single());
    }

    [Fact]
    public async Task A_missing_pr_token_is_one_coded_error_at_the_check_before_any_request()
    {
        using var forge = CreateForge(new Dictionary<string, string>(StringComparer.Ordinal) { ["GITHUB_TOKEN"] = _github.Token }, "RELEASE_APP_TOKEN");

        var error = await Assert.ThrowsAsync<SlipwayException>(() => forge.CheckAsync(Token));

        Assert.Equal((ErrorCode.ForgeTokenMissing, 2), (error.Code, error.ExitCode));
        Assert.Equal("slipway.toml:21:1: [forge] pr-token reads environment variable RELEASE_APP_TOKEN, which is not set; nothing was changed", error.Message);
        Assert.Empty(_github.Requests);
    }

    [Fact]
    public void The_endpoint_refuses_a_pulls_request_off_githubs_schema()
    {
        var schema = OpenApiSubset.Load();

        Assert.NotEmpty(schema.CheckRequest("GET", "/repos/acme/demo/pulls", new System.Collections.Specialized.NameValueCollection { ["state"] = "merged" }, null));
        Assert.NotEmpty(schema.CheckRequest("POST", "/repos/acme/demo/pulls", [], System.Text.Json.Nodes.JsonNode.Parse("""{"title":"t","head":"b"}""")));
        Assert.NotEmpty(schema.CheckRequest("PATCH", "/repos/acme/demo/pulls/1", [], System.Text.Json.Nodes.JsonNode.Parse("""{"state":"merged","draft":true}""")));
        Assert.Empty(schema.CheckRequest("GET", "/repos/acme/demo/pulls", new System.Collections.Specialized.NameValueCollection { ["state"] = "open", ["head"] = "acme:b" }, null));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            var violations = _github.Violations;
            _github.Dispose();
            base.Dispose(disposing);
            Assert.Empty(violations);
            return;
        }

        base.Dispose(disposing);
    }
}
