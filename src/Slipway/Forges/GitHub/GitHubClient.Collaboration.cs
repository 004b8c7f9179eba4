namespace Slipway.Forges.GitHub;

public sealed partial class GitHubClient
{
    /// <summary>
    /// Open pull requests from <paramref name="head"/>, a branch of this repository, into any base. GitHub filters by
    /// head only in the form <c>owner:branch</c> and silently ignores a bare branch name, listing every pull request.
    /// </summary>
    public async Task<List<GitHubPull>> ListOpenPullsAsync(string head, CancellationToken cancellationToken)
    {
        var all = await ListAsync(
            $"{RepoPath}/pulls?head={Uri.EscapeDataString($"{_options.Repository.Owner}:{head}")}&state=open&per_page=100",
            GitHubJson.Default.ListGitHubPull,
            cancellationToken);
        return [.. all.Where(p => p.Head.Ref == head && p.State == "open")];
    }

    public Task<GitHubPull> CreatePullAsync(PullCreateRequest pull, CancellationToken cancellationToken) =>
        SendJsonAsync(HttpMethod.Post, Api($"{RepoPath}/pulls"), () => Json(pull, GitHubJson.Default.PullCreateRequest), idempotent: false, GitHubJson.Default.GitHubPull, cancellationToken);

    public Task<GitHubPull> UpdatePullAsync(long number, PullUpdateRequest update, CancellationToken cancellationToken) =>
        SendJsonAsync(HttpMethod.Patch, Api($"{RepoPath}/pulls/{number}"), () => Json(update, GitHubJson.Default.PullUpdateRequest), idempotent: true, GitHubJson.Default.GitHubPull, cancellationToken);

    /// <summary>Open issues (pull requests excluded), newest first: the tracking issue is found among them by title.</summary>
    public async Task<List<GitHubIssue>> ListOpenIssuesAsync(CancellationToken cancellationToken)
    {
        var all = await ListAsync($"{RepoPath}/issues?state=open&per_page=100", GitHubJson.Default.ListGitHubIssue, cancellationToken);
        return [.. all.Where(i => i.PullRequest is null)];
    }

    public Task<GitHubIssue> CreateIssueAsync(IssueCreateRequest issue, CancellationToken cancellationToken) =>
        SendJsonAsync(HttpMethod.Post, Api($"{RepoPath}/issues"), () => Json(issue, GitHubJson.Default.IssueCreateRequest), idempotent: false, GitHubJson.Default.GitHubIssue, cancellationToken);

    public Task<GitHubComment> CommentAsync(long issue, string body, CancellationToken cancellationToken) =>
        SendJsonAsync(
            HttpMethod.Post,
            Api($"{RepoPath}/issues/{issue}/comments"),
            () => Json(new CommentCreateRequest(body), GitHubJson.Default.CommentCreateRequest),
            idempotent: false,
            GitHubJson.Default.GitHubComment,
            cancellationToken);

    /// <summary>The tag reference, or null when GitHub has no such tag.</summary>
    public async Task<GitHubGitRef?> TagRefAsync(string tag, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, Api($"{RepoPath}/git/ref/tags/{Uri.EscapeDataString(tag)}"), static () => null, idempotent: true, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return await ReadJsonAsync(response, GitHubJson.Default.GitHubGitRef, cancellationToken);
    }

    /// <summary>The reviews of a workflow run's deployments (<c>environment:</c> approvals), oldest first.</summary>
    public Task<List<GitHubApproval>> ListRunApprovalsAsync(long runId, CancellationToken cancellationToken) =>
        SendJsonAsync(
            HttpMethod.Get,
            Api($"{RepoPath}/actions/runs/{runId}/approvals"),
            static () => null,
            idempotent: true,
            GitHubJson.Default.ListGitHubApproval,
            cancellationToken);
}
