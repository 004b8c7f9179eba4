using System.Net;
using System.Text.Json;
using Slipway.Diagnostics;

namespace Slipway.Oci;

/// <summary>Tags list (with <c>"tags": null</c> and <c>Link</c> pagination) and referrers (API, else the fallback tag).</summary>
public sealed partial class RegistryClient
{
    public async Task<IReadOnlyList<string>> ListTagsAsync(ImageReference repository, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var tags = new List<string>();
        string? next = $"v2/{repository.Repository}/tags/list";
        while (next is not null)
        {
            using var response = await SendAsync(new RegistryRequest(HttpMethod.Get, repository, next, "pull"), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                // NAME_UNKNOWN: a repository that was never pushed has no tags.
                return tags;
            }

            await EnsureSuccessAsync(response, ErrorCode.RegistryRequestFailed, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            using (var json = JsonDocument.Parse(body))
            {
                // distribution answers "tags": null for a repository whose tags were all deleted.
                if (json.RootElement.TryGetProperty("tags", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    tags.AddRange(list.EnumerateArray().Select(t => t.GetString()).OfType<string>());
                }
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
        using (var response = await SendAsync(new RegistryRequest(HttpMethod.Get, repository, path, "pull") { Accept = [MediaTypes.OciIndex] }, cancellationToken))
        {
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                await EnsureSuccessAsync(response, ErrorCode.RegistryRequestFailed, cancellationToken);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var filtered = response.Headers.Contains("OCI-Filters-Applied");
                return Filter(ManifestDocument.Parse(body, MediaTypes.OciIndex, path).Manifests, filtered ? null : artifactType);
            }
        }

        // spec.md "Referrers Tag Schema": without the API, the referrers are the index at tag <alg>-<hex>.
        var fallback = await TryGetManifestAsync(repository.WithTag(subject.TagSafe), cancellationToken);
        return fallback is null || !fallback.IsIndex ? [] : Filter(fallback.Parse().Manifests, artifactType);
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
                var uri = new Uri(response.RequestMessage!.RequestUri!, target);
                return uri.PathAndQuery.TrimStart('/');
            }
        }

        return null;
    }
}
