using System.Net;
using System.Net.Http.Headers;
using Slipway.Diagnostics;

namespace Slipway.Oci;

/// <summary>Manifests: GET by tag or digest (bytes checked locally), PUT with the exact media type, DELETE by digest.</summary>
public sealed partial class RegistryClient
{
    // spec.md: registries should accept manifests of at least 4 MiB; nothing Slipway handles is larger.
    private const int MaxManifestSize = 4 * 1024 * 1024;

    public async Task<Digest?> ResolveAsync(ImageReference reference, CancellationToken cancellationToken = default) =>
        (await TryGetManifestAsync(reference, cancellationToken))?.Digest;

    public async Task<ManifestContent> GetManifestAsync(ImageReference reference, CancellationToken cancellationToken = default) =>
        await TryGetManifestAsync(reference, cancellationToken) ?? throw OciErrors.ManifestNotFound(reference);

    public async Task<ManifestContent?> TryGetManifestAsync(ImageReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var request = new RegistryRequest(HttpMethod.Get, reference, ManifestPath(reference, reference.Selector), "pull")
        {
            Accept = MediaTypes.Manifests,
        };
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, ErrorCode.ManifestNotFound, cancellationToken);
        var bytes = await ReadManifestBytesAsync(response, cancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!MediaTypes.IsKnownManifestType(mediaType))
        {
            mediaType = ManifestDocument.Parse(bytes, null, reference.ToString()).MediaType;
        }

        // By digest, the bytes must hash to it; by tag, the digest is computed here and Docker-Content-Digest is
        // ignored, because a proxy or a misbehaving registry may report one that the bytes do not have.
        var expected = reference.Digest;
        var actual = expected is null ? Digest.Sha256(bytes) : expected.Compute(bytes);
        if (expected is not null && actual != expected)
        {
            throw OciErrors.DigestMismatch($"GET {reference}", expected, actual);
        }

        return new ManifestContent(bytes, mediaType!, actual);
    }

    public async Task<ManifestHead?> HeadManifestAsync(ImageReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var request = new RegistryRequest(HttpMethod.Head, reference, ManifestPath(reference, reference.Selector), "pull")
        {
            Accept = MediaTypes.Manifests,
        };
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, ErrorCode.ManifestNotFound, cancellationToken);
        var reported = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
        if (!Digest.TryParse(reported ?? reference.Digest?.ToString(), out var digest, out _))
        {
            throw OciErrors.InvalidManifest($"HEAD {reference}", "the registry reported no digest");
        }

        return new ManifestHead(digest, response.Content.Headers.ContentType?.MediaType ?? string.Empty, response.Content.Headers.ContentLength ?? -1);
    }

    public async Task<Digest> PutManifestAsync(
        ImageReference reference, ReadOnlyMemory<byte> bytes, string mediaType, CancellationToken cancellationToken = default) =>
        (await PutManifestReportingSubjectAsync(reference, bytes, mediaType, cancellationToken)).Digest;

    /// <summary>As <see cref="PutManifestAsync"/>, also saying whether the registry processed the manifest's subject (<c>OCI-Subject</c>).</summary>
    public async Task<(Digest Digest, bool SubjectAccepted)> PutManifestReportingSubjectAsync(
        ImageReference reference, ReadOnlyMemory<byte> bytes, string mediaType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(mediaType);
        var digest = reference.Digest is { } given ? given.Compute(bytes.Span) : Digest.Sha256(bytes.Span);
        if (reference.Digest is not null && digest != reference.Digest)
        {
            throw OciErrors.DigestMismatch($"PUT {reference}", reference.Digest, digest);
        }

        var selector = reference.Tag ?? digest.ToString();
        var request = new RegistryRequest(HttpMethod.Put, reference, ManifestPath(reference, selector), "pull,push")
        {
            Content = () =>
            {
                var content = new ReadOnlyMemoryContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
                return content;
            },
        };
        using var response = await SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, ErrorCode.RegistryRequestFailed, cancellationToken);
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var values)
            && Digest.TryParse(values.FirstOrDefault(), out var reported, out _)
            && reported != digest)
        {
            // The registry stored something other than the bytes sent: promotion must not pretend it preserved them.
            throw OciErrors.DigestMismatch($"PUT {reference.Name}:{selector}", digest, reported);
        }

        return (digest, response.Headers.Contains("OCI-Subject"));
    }

    public async Task<bool> DeleteManifestAsync(ImageReference repository, Digest digest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(digest);
        var request = new RegistryRequest(HttpMethod.Delete, repository, ManifestPath(repository, digest.ToString()), "delete");
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, ErrorCode.ManifestNotFound, cancellationToken);
        return true;
    }

    public async Task<bool> TryDeleteTagAsync(ImageReference tagged, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tagged);
        if (tagged.Tag is null)
        {
            throw new ArgumentException("the reference names no tag", nameof(tagged));
        }

        var request = new RegistryRequest(HttpMethod.Delete, tagged, ManifestPath(tagged, tagged.Tag), "delete");
        using var response = await SendAsync(request, cancellationToken);

        // distribution 2.8 answers 400 (UNSUPPORTED or DIGEST_INVALID) to DELETE by tag; others 405.
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented)
        {
            return false;
        }

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw OciErrors.TagNotFound(tagged);
        }

        await EnsureSuccessAsync(response, ErrorCode.TagNotFound, cancellationToken);
        return true;
    }

    private static string ManifestPath(ImageReference repository, string selector) =>
        $"v2/{repository.Repository}/manifests/{selector}";

    private static Task<byte[]> ReadManifestBytesAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        BoundedContent.ReadAsync(response, MaxManifestSize, "manifest", cancellationToken);
}
