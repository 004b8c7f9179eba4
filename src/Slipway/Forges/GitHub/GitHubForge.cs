using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Git;
using Slipway.Notes;

namespace Slipway.Forges.GitHub;

/// <summary>
/// The GitHub forge: a release is staged as a draft at the built commit, every asset is uploaded to it, and only
/// then is it published, so a release with an asset missing cannot exist. Drafts are found by listing (GitHub's
/// by-tag lookup answers 404 for a draft), so a re-run reuses the draft an interrupted one left. The release body's
/// pull request list is GitHub's own (generate-notes, by <c>.github/release.yml</c> category).
/// </summary>
public sealed class GitHubForge : IForge, IPullRequestList, IDisposable
{
    private const int UploadConcurrency = 4;

    private readonly ForgeSection _forge;
    private readonly ProjectSection _project;
    private readonly GitCli _git;
    private readonly IEnvironment _environment;
    private readonly SecretRedactor _redactor;
    private readonly Func<GitHubClientOptions, GitHubClientOptions> _tune;
    private readonly SemaphoreSlim _open = new(1, 1);
    private GitHubClient? _client;
    private GitHubClient? _pullClient;

    public GitHubForge(ForgeSection forge, ProjectSection project, GitCli git, IEnvironment environment, SecretRedactor redactor, Func<GitHubClientOptions, GitHubClientOptions>? tune = null)
    {
        _forge = forge;
        _project = project;
        _git = git;
        _environment = environment;
        _redactor = redactor;
        _tune = tune ?? (o => o);
    }

    public string Kind => ForgeSection.GitHubKind;

    public bool HasDrafts => true;

    /// <summary>
    /// The token, before anything changes: a classic token must hold <c>repo</c> (or <c>public_repo</c> for a public
    /// repository), a user's token must have <c>push</c>. An installation token (GITHUB_TOKEN, a GitHub App) is
    /// answered neither, and GitHub offers no read of its write permission; that it can read the repository is all
    /// that can be known before the first write. <c>.github/release.yml</c>, which generate-notes reads, is checked first,
    /// and the pr-token (when set) is read too: a missing one would otherwise surface only after the release is public.
    /// </summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        ReleaseConfigFile.Check(_git.WorkingDirectory);
        var client = await ClientAsync(cancellationToken);
        await PullClientAsync(cancellationToken);
        var access = await client.RepositoryAccessAsync(cancellationToken);
        var repository = client.Repository.ToString();
        if (access.Scopes is { } scopes && !scopes.Contains("repo") && !(scopes.Contains("public_repo") && !access.Private))
        {
            throw ForgeErrors.TokenScopes(repository, scopes, access.Private);
        }

        if (access.Push == false)
        {
            throw ForgeErrors.TokenCannotPush(repository);
        }
    }

    public async Task<ForgeRelease?> FindReleaseAsync(string tag, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken);
        var published = (await ReleasesForAsync(client, tag, cancellationToken)).FirstOrDefault(r => !r.Draft);
        return published is null ? null : await AsForgeReleaseAsync(client, published, cancellationToken);
    }

    public async Task<ForgeDraft?> DraftAsync(ReleaseRequest request, Func<ForgeDraft, CancellationToken, Task> staged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(staged);
        CheckAssetNames(request.Assets);
        var client = await ClientAsync(cancellationToken);
        var releases = await ReleasesForAsync(client, request.Tag, cancellationToken);
        if (releases.FirstOrDefault(r => !r.Draft) is { } published)
        {
            // Published: never uploaded to, never changed (an immutable one would answer 422, a mutable one is public).
            throw published.Immutable == true
                ? ForgeErrors.Immutable(request.Tag, "uploading assets")
                : PipelineAlreadyPublished(request.Tag);
        }

        var draft = SingleDraft(request.Tag, releases);
        var created = false;
        if (draft is null)
        {
            draft = await client.CreateReleaseAsync(
                new ReleaseCreateRequest(request.Tag, request.Commit, request.Name, request.Body, Draft: true, request.Prerelease),
                cancellationToken);
            created = true;
        }
        else if (draft.TargetCommitish != request.Commit || draft.Body != request.Body || draft.Name != request.Name)
        {
            draft = await client.UpdateReleaseAsync(
                draft.Id,
                new ReleaseUpdateRequest { TargetCommitish = request.Commit, Body = request.Body, Name = request.Name },
                cancellationToken);
        }

        var result = new ForgeDraft(request.Tag, draft.Id, created);
        await staged(result, cancellationToken);
        await UploadAllAsync(client, request, draft, cancellationToken);
        return result;
    }

    public async Task DiscardDraftAsync(ForgeDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!draft.Created)
        {
            return;
        }

        var client = await ClientAsync(cancellationToken);
        var current = (await client.ListReleasesAsync(cancellationToken)).FirstOrDefault(r => r.Id == draft.Id);
        if (current is { Draft: true })
        {
            await client.DeleteReleaseAsync(draft.Id, cancellationToken);
        }
    }

    public async Task<ForgeRelease> CreateReleaseAsync(ReleaseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = await ClientAsync(cancellationToken);
        var all = await client.ListReleasesAsync(cancellationToken);
        var releases = all.Where(r => r.TagName == request.Tag).ToList();
        if (releases.FirstOrDefault(r => !r.Draft) is { } published)
        {
            return await AsForgeReleaseAsync(client, published, cancellationToken);
        }

        var draft = SingleDraft(request.Tag, releases) ?? throw ForgeErrors.DraftIncomplete(request.Tag, ["the draft itself"]);
        var assets = await client.ListAssetsAsync(draft.Id, cancellationToken);
        var missing = request.Assets
            .Where(a => !assets.Any(b => b.Name == a.Name && b.State == "uploaded" && SameContent(b, a)))
            .Select(a => a.Name)
            .ToList();
        if (missing.Count > 0)
        {
            throw ForgeErrors.DraftIncomplete(request.Tag, missing);
        }

        var latest = !request.Prerelease && IsHighest(request.Version, all);
        var release = await client.UpdateReleaseAsync(
            draft.Id,
            new ReleaseUpdateRequest
            {
                Draft = false,
                Prerelease = request.Prerelease,
                TargetCommitish = request.Commit,
                MakeLatest = latest ? "true" : "false",
            },
            cancellationToken);
        return new ForgeRelease(request.Tag, request.Commit, release.HtmlUrl);
    }

    public async Task<ForgeIssue?> ReportUnfinishedAsync(UnfinishedRelease release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        var client = await ClientAsync(cancellationToken);
        var body = release.Markdown(_redactor.Redact);
        var open = (await client.ListOpenIssuesAsync(cancellationToken)).FirstOrDefault(i => i.Title == release.Title);
        if (open is not null)
        {
            await client.CommentAsync(open.Number, body, cancellationToken);
            return new ForgeIssue(open.Number, open.HtmlUrl, Existing: true);
        }

        var created = await client.CreateIssueAsync(new IssueCreateRequest(release.Title, body), cancellationToken);
        return new ForgeIssue(created.Number, created.HtmlUrl, Existing: false);
    }

    /// <summary>Found by listing the open pull requests from the head branch, so a re-run or a resume updates the one it opened.</summary>
    public async Task<ForgePullRequest?> OpenPullRequestAsync(ProposedPullRequest pull, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pull);
        var client = await PullClientAsync(cancellationToken);
        var open = (await client.ListOpenPullsAsync(pull.Head, cancellationToken)).OrderBy(p => p.Number).FirstOrDefault();
        if (open is null)
        {
            var created = await client.CreatePullAsync(new PullCreateRequest(pull.Title, pull.Head, pull.Base, pull.Body), cancellationToken);
            return new ForgePullRequest(created.Number, created.HtmlUrl, Existing: false);
        }

        if (open.Title != pull.Title || open.Body != pull.Body || open.Base.Ref != pull.Base)
        {
            await client.UpdatePullAsync(open.Number, new PullUpdateRequest(pull.Title, pull.Body, pull.Base), cancellationToken);
        }

        return new ForgePullRequest(open.Number, open.HtmlUrl, Existing: true);
    }

    public void Dispose()
    {
        _client?.Dispose();
        _pullClient?.Dispose();
        _open.Dispose();
    }

    private static SlipwayException PipelineAlreadyPublished(string tag) =>
        SlipwayException.Failure(ErrorCode.ReleaseTagConflict, $"release {tag} is already published on GitHub; a published release is never changed");

    private static GitHubRelease? SingleDraft(string tag, IReadOnlyList<GitHubRelease> releases)
    {
        var drafts = releases.Where(r => r.Draft).ToList();
        return drafts.Count > 1 ? throw ForgeErrors.DraftAmbiguous(tag, drafts.Select(d => d.Id)) : drafts.FirstOrDefault();
    }

    private static async Task<List<GitHubRelease>> ReleasesForAsync(GitHubClient client, string tag, CancellationToken cancellationToken) =>
        [.. (await client.ListReleasesAsync(cancellationToken)).Where(r => r.TagName == tag)];

    /// <summary>A published release names its commit through its tag; <c>target_commitish</c> may be a branch name.</summary>
    private static async Task<ForgeRelease> AsForgeReleaseAsync(GitHubClient client, GitHubRelease release, CancellationToken cancellationToken)
    {
        var reference = await client.TagRefAsync(release.TagName, cancellationToken);
        var commit = reference is { Target.Type: "commit" } ? reference.Target.Sha : release.TargetCommitish;
        return new ForgeRelease(release.TagName, commit, release.HtmlUrl);
    }

    /// <summary>Latest only when no published, non-prerelease release of this project has a higher version.</summary>
    private bool IsHighest(string version, IEnumerable<GitHubRelease> releases)
    {
        if (!_project.Scheme.TryParse(version, out var ours, out _))
        {
            return false;
        }

        return releases
            .Where(r => !r.Draft && !r.Prerelease)
            .Select(r => _project.Tag.Match(r.TagName, _project.Scheme))
            .All(v => v is null || v <= ours);
    }

    private static void CheckAssetNames(IReadOnlyList<ReleaseAsset> assets)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var asset in assets)
        {
            if (asset.Name.Trim().Length == 0 || asset.Name.IndexOfAny(['/', '\\']) >= 0 || !seen.Add(asset.Name))
            {
                throw ForgeErrors.AssetNameInvalid(asset.Name);
            }
        }
    }

    /// <summary>An asset GitHub has is ours when its digest is; a server without digests is trusted on the size.</summary>
    private static bool SameContent(GitHubAsset theirs, ReleaseAsset ours) =>
        theirs.Digest is { } digest ? string.Equals(digest, ours.Digest, StringComparison.OrdinalIgnoreCase) : theirs.Size == ours.Size;

    private static async Task UploadAllAsync(GitHubClient client, ReleaseRequest request, GitHubRelease draft, CancellationToken cancellationToken)
    {
        var present = (await client.ListAssetsAsync(draft.Id, cancellationToken)).ToDictionary(a => a.Name, StringComparer.Ordinal);
        var toUpload = new List<ReleaseAsset>();
        foreach (var asset in request.Assets)
        {
            if (present.TryGetValue(asset.Name, out var existing) && existing.State == "uploaded")
            {
                if (!SameContent(existing, asset))
                {
                    throw ForgeErrors.AssetConflict(request.Tag, asset.Name, existing.Digest, asset.Digest);
                }

                continue;
            }

            if (existing is not null)
            {
                // An upload that broke off leaves a "starter" (open) asset that blocks the name; it holds nothing.
                await client.DeleteAssetAsync(existing.Id, cancellationToken);
            }

            toUpload.Add(asset);
        }

        await Parallel.ForEachAsync(
            toUpload,
            new ParallelOptions { MaxDegreeOfParallelism = UploadConcurrency, CancellationToken = cancellationToken },
            async (asset, token) => await UploadAsync(client, request.Tag, draft.Id, asset, token));
    }

    /// <summary>
    /// Uploads one asset. When the answer is lost or is <c>already_exists</c>, the asset list decides: ours (same
    /// digest) is success, another is a conflict, none means the upload never landed and it is sent once more.
    /// </summary>
    private static async Task UploadAsync(GitHubClient client, string tag, long releaseId, ReleaseAsset asset, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            AssetUploadResult? result = null;
            SlipwayException? failure = null;
            try
            {
                result = await client.UploadAssetAsync(releaseId, asset.Name, asset.ContentType, asset.Open, cancellationToken);
            }
            catch (SlipwayException e) when (e.Code is ErrorCode.GitHubRequestFailed or ErrorCode.GitHubAnswerInvalid)
            {
                failure = e;
            }

            if (result is { AlreadyExists: false, Asset: { } uploaded })
            {
                if (!SameContent(uploaded, asset))
                {
                    throw ForgeErrors.AssetConflict(tag, asset.Name, uploaded.Digest, asset.Digest);
                }

                return;
            }

            var there = (await client.ListAssetsAsync(releaseId, cancellationToken)).FirstOrDefault(a => a.Name == asset.Name);
            if (there is { State: "uploaded" })
            {
                if (SameContent(there, asset))
                {
                    return;
                }

                throw ForgeErrors.AssetConflict(tag, asset.Name, there.Digest, asset.Digest);
            }

            if (there is not null)
            {
                await client.DeleteAssetAsync(there.Id, cancellationToken);
            }

            if (attempt >= 3)
            {
                throw failure ?? ForgeErrors.AssetConflict(tag, asset.Name, null, asset.Digest);
            }
        }
    }

    /// <summary>
    /// GitHub's generate-notes list from the previous release tag to the built commit; the pull requests the narrative
    /// reads (titles and bodies) still come from the git history, which GitHub's Markdown names too.
    /// </summary>
    public async Task<PullRequestList> ListAsync(ReleaseRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        ReleaseConfigFile.Check(_git.WorkingDirectory);
        var history = await new GitPullRequestList(_git.WorkingDirectory).ListAsync(range, cancellationToken);
        var client = await ClientAsync(cancellationToken);
        var generated = await client.GenerateReleaseNotesAsync(range.Tag, range.Commit, range.PreviousTag, cancellationToken);
        return new PullRequestList(generated, history.PullRequests);
    }

    /// <summary>The repository this forge releases in (from <c>[forge] repository</c> or the remote).</summary>
    public async Task<GitHubRepository> RepositoryAsync(CancellationToken cancellationToken) => (await ClientAsync(cancellationToken)).Repository;

    /// <summary>The deployment reviews of workflow run <paramref name="runId"/> of this repository, oldest first.</summary>
    public async Task<IReadOnlyList<GitHubApproval>> RunApprovalsAsync(long runId, CancellationToken cancellationToken) =>
        await (await ClientAsync(cancellationToken)).ListRunApprovalsAsync(runId, cancellationToken);

    private async Task<GitHubClient> ClientAsync(CancellationToken cancellationToken)
    {
        await _open.WaitAsync(cancellationToken);
        try
        {
            if (_client is not null)
            {
                return _client;
            }

            _client = await OpenAsync(_forge.Token!, "token", cancellationToken);
            return _client;
        }
        finally
        {
            _open.Release();
        }
    }

    /// <summary>
    /// The client pull requests are opened with: <c>pr-token</c> when set (GitHub runs no workflow for a pull request
    /// opened with the workflow's own <c>GITHUB_TOKEN</c>), else the forge token's client.
    /// </summary>
    private async Task<GitHubClient> PullClientAsync(CancellationToken cancellationToken)
    {
        if (_forge.PrToken is not { } secret)
        {
            return await ClientAsync(cancellationToken);
        }

        await _open.WaitAsync(cancellationToken);
        try
        {
            _pullClient ??= await OpenAsync(secret, "pr-token", cancellationToken);
            return _pullClient;
        }
        finally
        {
            _open.Release();
        }
    }

    private async Task<GitHubClient> OpenAsync(Secret secret, string key, CancellationToken cancellationToken)
    {
        var repository = _forge.Repository ?? await RepositoryFromRemoteAsync(cancellationToken);
        if (secret.Variable is { } variable && _environment.GetVariable(variable) is null or "")
        {
            throw ForgeErrors.TokenMissing(secret.Location, key, variable);
        }

        var token = secret.Resolve(_environment, _redactor);
        return new GitHubClient(_tune(GitHubClientOptions.From(_forge, repository, token)));
    }

    private async Task<GitHubRepository> RepositoryFromRemoteAsync(CancellationToken cancellationToken)
    {
        var (exitCode, output, _) = await _git.TryRunAsync(["remote", "get-url", _forge.Remote], cancellationToken);
        var url = exitCode == 0 ? output.Trim() : "no such remote";
        return GitHubRepository.TryParseRemoteUrl(url, out var repository)
            ? repository
            : throw ForgeErrors.RepositoryNotInRemote(_forge.Location, _forge.Remote, UrlUserInfo.Strip(url));
    }
}
