using System.Net;

namespace Slipway.Forges.GitHub;

public sealed partial class GitHubClient
{
    /// <summary>
    /// Reads the repository with the token: 401 (a bad token) and 404 (a repository it cannot see) are coded input
    /// errors here, before anything changes; otherwise what the answer says about the token's reach.
    /// </summary>
    public async Task<GitHubRepositoryAccess> RepositoryAccessAsync(CancellationToken cancellationToken)
    {
        var url = Api(RepoPath);
        using var response = await SendAsync(HttpMethod.Get, url, static () => null, idempotent: true, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound)
        {
            var error = await ReadErrorAsync(response, cancellationToken);
            throw response.StatusCode == HttpStatusCode.Unauthorized
                ? ForgeErrors.TokenRejected(url, error.Message)
                : ForgeErrors.TokenCannotSee(_options.Repository.ToString(), url);
        }

        await EnsureSuccessAsync(response, cancellationToken);
        var scopes = response.Headers.TryGetValues("X-OAuth-Scopes", out var values)
            ? string.Join(',', values).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : null;
        var repository = await ReadJsonAsync(response, GitHubJson.Default.GitHubRepositoryInfo, cancellationToken);
        return new GitHubRepositoryAccess(scopes, repository.Private, repository.Permissions?.Push);
    }
}
