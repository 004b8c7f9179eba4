using System.Net;
using System.Text.Json;
using Slipway.Diagnostics;

namespace Slipway.Oci;

/// <summary>Tags list (with <c>"tags": null</c> and <c>Link</c> pagination) and referrers (API, else the fallback tag).</summary>
public sealed partial class RegistryClient
{
    // A page of 10,000 tags of 128 characters is 1.3 MB; Docker Hub serves 100 per page, so 1,000 pages is far more
    // than any repository Slipway releases into.
    private const int MaxTagPage = 4 * 1024 * 1024;

    private const int MaxTagPages = 1000;

    // A Link made fresh for each page gets past the repeat check; the whole list is bounded too (100,000 tags of 128
    // characters are about 25 MB as .NET strings).
    private const int MaxTags = 100_000;

    // Each page is bounded like a manifest; 100 pages of referrers is far more than one digest gathers.
    private const int MaxReferrerPages = 100;

    public async Task<IReadOnlyList<string>> ListTagsAsync(ImageReference repository, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var tags = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? next = $"v2/{repository.Repository}/tags/list";
        while (next is not null)
        {
            // A Link back to a page already read would be followed forever (and rollback with it); so would an
            // endless chain of fresh ones, which the page limit ends.
            if (!seen.Add(next))
            {
                throw OciErrors.TagPagination(repository, $"the registry's Link leads back to a page already read (/{next})");
            }

            if (seen.Count > MaxTagPages)
            {
                throw OciErrors.TagPagination(repository, $"more than {MaxTagPages} pages");
            }

            using var response = await SendAsync(new RegistryRequest(HttpMethod.Get, repository, next, "pull"), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                // NAME_UNKNOWN: a repository that was never pushed has no tags.
                return tags;
            }

            await EnsureSuccessAsync(response, ErrorCode.RegistryRequestFailed, cancellationToken);
            var body = await BoundedContent.ReadAsync(response, MaxTagPage, "tags list", cancellationToken);
            tags.AddRange(ParseTagsPage(response.RequestMessage!, body));
            if (tags.Count > MaxTags)
            {
                throw OciErrors.TagPagination(repository, $"more than {MaxTags:N0} tags");
            }

            next = NextLink(response);
        }

        return tags;
    }

    public async Task<IReadOnlyList<Descriptor>> GetReferrersAsync(
        ImageReference repository, Digest subject, string? artifactType = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(subject);
        var path = $"v2/{repository.Repository}/referrers/{subject}"
            + (artifactType is null ? string.Empty : "?artifactType=" + Uri.EscapeDataString(artifactType));
        var host = _hosts.GetOrAdd(repository.Registry, _ => new RegistryHostState());
        if (!host.NoReferrersApi)
        {
            var referrers = await ListReferrersAsync(repository, subject, path, artifactType, cancellationToken);
            if (referrers is not null)
            {
                return referrers;
            }

            host.NoReferrersApi = true;
        }

        // spec.md "Referrers Tag Schema": without the API, the referrers are the index at tag <alg>-<hex>.
        var fallback = await TryGetManifestAsync(repository.WithTag(subject.TagSafe), cancellationToken);
        return fallback is null || !fallback.IsIndex ? [] : Filter(fallback.Parse().Manifests, artifactType);
    }

    /// <summary>
    /// The referrers API's answer, following <c>Link</c> to each further page (spec.md "Listing Referrers": a registry may
    /// paginate); null when the first page is a 404 (no API). A page that leads back, or too many pages, is refused.
    /// </summary>
    private async Task<List<Descriptor>?> ListReferrersAsync(
        ImageReference repository, Digest subject, string first, string? artifactType, CancellationToken cancellationToken)
    {
        var referrers = new List<Descriptor>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? next = first;
        while (next is not null)
        {
            if (!seen.Add(next))
            {
                throw OciErrors.ReferrersPagination(repository, subject, $"the registry's Link leads back to a page already read (/{next})");
            }

            if (seen.Count > MaxReferrerPages)
            {
                throw OciErrors.ReferrersPagination(repository, subject, $"more than {MaxReferrerPages} pages");
            }

            using var response = await SendAsync(new RegistryRequest(HttpMethod.Get, repository, next, "pull") { Accept = [MediaTypes.OciIndex] }, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound && next == first)
            {
                return null;
            }

            await EnsureSuccessAsync(response, ErrorCode.RegistryRequestFailed, cancellationToken);
            var body = await BoundedContent.ReadAsync(response, MaxManifestSize, "referrers index", cancellationToken);
            var filtered = response.Headers.Contains("OCI-Filters-Applied");
            referrers.AddRange(Filter(ManifestDocument.Parse(body, MediaTypes.OciIndex, next).Manifests, filtered ? null : artifactType));
            next = NextLink(response);
        }

        return referrers;
    }

    private static List<string> ParseTagsPage(HttpRequestMessage request, byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw OciErrors.AnswerInvalid(request.Method, request.RequestUri!, "tags list", "not a JSON object");
            }

            // distribution answers "tags": null for a repository whose tags were all deleted.
            if (!root.TryGetProperty("tags", out var list) || list.ValueKind == JsonValueKind.Null)
            {
                return [];
            }

            if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
            {
                throw OciErrors.AnswerInvalid(request.Method, request.RequestUri!, "tags list", "\"tags\" is not an array of strings");
            }

            return [.. list.EnumerateArray().Select(t => t.GetString()!)];
        }
        catch (JsonException exception)
        {
            throw OciErrors.AnswerInvalid(request.Method, request.RequestUri!, "tags list", $"not JSON ({exception.Message})");
        }
    }

    private static List<Descriptor> Filter(IReadOnlyList<Descriptor> descriptors, string? artifactType) =>
        [.. descriptors.Where(d => artifactType is null || d.ArtifactType == artifactType)];

    private static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        foreach (var link in links.SelectMany(l => l.Split(',')))
        {
            var parts = link.Split(';');
            if (parts.Length > 1 && parts.Skip(1).Any(p => p.Trim().Replace(" ", string.Empty, StringComparison.Ordinal) is "rel=\"next\"" or "rel=next"))
            {
                var target = parts[0].Trim().TrimStart('<').TrimEnd('>');
                var request = response.RequestMessage!;
                if (!Uri.TryCreate(request.RequestUri!, target, out var uri))
                {
                    throw OciErrors.AnswerInvalid(request.Method, request.RequestUri!, "Link header", $"'{Excerpt(target)}' is not a URL");
                }

                // Only the path and query are kept: the next page is asked of this registry, whatever host the Link names.
                return uri.PathAndQuery.TrimStart('/');
            }
        }

        return null;
    }
}
