namespace Slipway.Forges.GitHub;

public sealed partial class GitHubClient
{
    /// <summary>Open pull requests from <paramref name="head"/> (a branch of this repository) into <paramref name="baseBranch"/>.</summary>
    public Task<List<GitHubPull>> ListPullsAsync(string head, string baseBranch, CancellationToken cancellationToken) =>
        ListAsync(
            $"{RepoPath}/pulls?state=open&per_page=100&head={Uri.EscapeDataString($"{_options.Repository.Owner}:{head}")}&base={Uri.EscapeDataString(baseBranch)}",
            GitHubJson.Default.ListGitHubPull,
            cancellationToken);

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
