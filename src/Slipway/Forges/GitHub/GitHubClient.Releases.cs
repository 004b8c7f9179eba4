using System.Net;
using System.Net.Http.Headers;

namespace Slipway.Forges.GitHub;

public sealed partial class GitHubClient
{
    /// <summary>Every release, drafts included (the by-tag lookup answers 404 for a draft, so a draft is found only by listing).</summary>
    public Task<List<GitHubRelease>> ListReleasesAsync(CancellationToken cancellationToken) =>
        ListAsync($"{RepoPath}/releases?per_page=100", GitHubJson.Default.ListGitHubRelease, cancellationToken);

    public Task<GitHubRelease> CreateReleaseAsync(ReleaseCreateRequest release, CancellationToken cancellationToken) =>
        SendJsonAsync(HttpMethod.Post, Api($"{RepoPath}/releases"), () => Json(release, GitHubJson.Default.ReleaseCreateRequest), idempotent: false, GitHubJson.Default.GitHubRelease, cancellationToken);

    /// <summary>A PATCH that sets fields to given values: sending it twice leaves the same release, so it is retried.</summary>
    public Task<GitHubRelease> UpdateReleaseAsync(long id, ReleaseUpdateRequest update, CancellationToken cancellationToken) =>
        SendJsonAsync(HttpMethod.Patch, Api($"{RepoPath}/releases/{id}"), () => Json(update, GitHubJson.Default.ReleaseUpdateRequest), idempotent: true, GitHubJson.Default.GitHubRelease, cancellationToken);

    /// <summary>Deletes a release; one already gone (404) is success.</summary>
    public async Task DeleteReleaseAsync(long id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, Api($"{RepoPath}/releases/{id}"), static () => null, idempotent: true, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, cancellationToken);
        }
    }

    public Task<List<GitHubAsset>> ListAssetsAsync(long releaseId, CancellationToken cancellationToken) =>
        ListAsync($"{RepoPath}/releases/{releaseId}/assets?per_page=100", GitHubJson.Default.ListGitHubAsset, cancellationToken);

    public async Task DeleteAssetAsync(long assetId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, Api($"{RepoPath}/releases/assets/{assetId}"), static () => null, idempotent: true, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, cancellationToken);
        }
    }

    /// <summary>
    /// Uploads one asset to the upload host. Not retried here: a lost answer may hide a finished upload, so the caller
    /// lists the assets and compares digests before trying again. The answer says whether GitHub had it already.
    /// </summary>
    public async Task<AssetUploadResult> UploadAssetAsync(long releaseId, string name, string contentType, Func<Stream> open, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        var url = new Uri(_options.UploadUrl, $"{RepoPath}/releases/{releaseId}/assets?name={Uri.EscapeDataString(name)}");
        using var response = await SendAsync(
            HttpMethod.Post,
            url,
            () => new StreamContent(open()) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } },
            idempotent: false,
            cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return new AssetUploadResult(await ReadJsonAsync(response, GitHubJson.Default.GitHubAsset, cancellationToken), AlreadyExists: false);
        }

        var error = await ReadErrorAsync(response, cancellationToken);
        return error.Status == 422 && error.Has("already_exists")
            ? new AssetUploadResult(null, AlreadyExists: true)
            : throw error.ToException();
    }

    /// <summary>GitHub's generated release notes (the PR list by <c>.github/release.yml</c> category): the <c>body</c> it answers.</summary>
    public async Task<string> GenerateReleaseNotesAsync(string tagName, string? targetCommitish, string? previousTagName, CancellationToken cancellationToken)
    {
        var request = new GenerateNotesRequest(tagName) { TargetCommitish = targetCommitish, PreviousTagName = previousTagName };
        // Generating notes changes nothing on GitHub, so the POST may be repeated.
        var notes = await SendJsonAsync(
            HttpMethod.Post,
            Api($"{RepoPath}/releases/generate-notes"),
            () => Json(request, GitHubJson.Default.GenerateNotesRequest),
            idempotent: true,
            GitHubJson.Default.GeneratedNotes,
            cancellationToken);
        return notes.Body;
    }
}
