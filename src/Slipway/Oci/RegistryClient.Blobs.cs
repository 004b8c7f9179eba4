using System.Net;
using System.Net.Http.Headers;
using Slipway.Diagnostics;

namespace Slipway.Oci;

/// <summary>Blobs: HEAD, GET (checked against the digest), monolithic or chunked upload, cross-repository mount.</summary>
public sealed partial class RegistryClient
{
    public async Task<bool> BlobExistsAsync(ImageReference repository, Digest digest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(digest);
        using var response = await SendAsync(new RegistryRequest(HttpMethod.Head, repository, BlobPath(repository, digest), "pull"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, ErrorCode.BlobNotFound, cancellationToken);
        return true;
    }

    public Task<byte[]> GetBlobAsync(ImageReference repository, Digest digest, CancellationToken cancellationToken = default) =>
        GetBlobAsync(repository, digest, Array.MaxLength, cancellationToken);

    public Task<byte[]> GetBlobAsync(ImageReference repository, Descriptor blob, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        return GetBlobAsync(repository, blob.Digest, (int)Math.Clamp(blob.Size, 0, Array.MaxLength), cancellationToken);
    }

    private async Task<byte[]> GetBlobAsync(ImageReference repository, Digest digest, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(digest);
        using var response = await SendAsync(new RegistryRequest(HttpMethod.Get, repository, BlobPath(repository, digest), "pull"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw OciErrors.BlobNotFound(repository, digest);
        }

        await EnsureSuccessAsync(response, ErrorCode.BlobNotFound, cancellationToken);
        var bytes = await BoundedContent.ReadAsync(response, limit, "blob", cancellationToken);
        var actual = digest.Compute(bytes);
        return actual == digest ? bytes : throw OciErrors.DigestMismatch($"GET blob {repository.Name}@{digest}", digest, actual);
    }

    public async Task<Digest> UploadBlobAsync(ImageReference repository, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var digest = Digest.Sha256(content.Span);
        if (!await BlobExistsAsync(repository, digest, cancellationToken))
        {
            await UploadBlobAsync(repository, digest, content.Length, () => new MemoryStream(content.ToArray(), writable: false), cancellationToken);
        }

        return digest;
    }

    public async Task UploadBlobAsync(ImageReference repository, Digest digest, long size, Func<Stream> open, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(open);

        // POST and PATCH are not idempotent, so the upload as a whole is retried: a new session each time.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var location = await StartUploadAsync(repository, null, cancellationToken);
                await CompleteUploadAsync(repository, location!, digest, size, open, cancellationToken);
                return;
            }
            catch (SlipwayException exception) when (attempt < _options.MaxAttempts && IsRetryable(exception))
            {
                await DelayAsync(attempt, cancellationToken);
            }
        }
    }

    public async Task<BlobUploadSession> SendBlobAsync(ImageReference repository, long size, Func<Stream> open, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(open);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var location = (await StartUploadAsync(repository, null, cancellationToken))!;
                HashingReadStream? hashing = null;
                location = await UploadChunksAsync(
                    repository, location, size, _options.ChunkSize ?? size, () => hashing = new HashingReadStream(open()), cancellationToken);
                return new BlobUploadSession(repository, location, hashing!.Digest(), size);
            }
            catch (SlipwayException exception) when (attempt < _options.MaxAttempts && IsRetryable(exception))
            {
                await DelayAsync(attempt, cancellationToken);
            }
        }
    }

    public async Task CommitBlobAsync(BlobUploadSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var request = new RegistryRequest(HttpMethod.Put, session.Repository, WithDigest(session.Location, session.Digest), "pull,push") { Idempotent = false };
        using var response = await SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, ErrorCode.RegistryRequestFailed, cancellationToken);
    }

    public async Task CancelBlobAsync(BlobUploadSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        using var response = await SendAsync(new RegistryRequest(HttpMethod.Delete, session.Repository, session.Location, "pull,push"), cancellationToken);
    }

    public async Task<bool> MountBlobAsync(ImageReference repository, Digest digest, ImageReference from, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(from);
        if (from.Registry != repository.Registry)
        {
            return false;
        }

        var location = await StartUploadAsync(repository, (digest, from), cancellationToken);
        if (location is null)
        {
            return true;
        }

        // The registry declined the mount and opened an ordinary session instead; cancel it so it does not linger.
        using var cancel = await SendAsync(new RegistryRequest(HttpMethod.Delete, repository, location, "pull,push"), cancellationToken);
        return false;
    }

    /// <summary>POST to start an upload; with a mount, null when the registry mounted the blob (201).</summary>
    private async Task<string?> StartUploadAsync(ImageReference repository, (Digest Digest, ImageReference From)? mount, CancellationToken cancellationToken)
    {
        var path = $"v2/{repository.Repository}/blobs/uploads/";
        var extra = Array.Empty<string>();
        if (mount is { } m)
        {
            path += $"?mount={m.Digest}&from={Uri.EscapeDataString(m.From.Repository)}";
            extra = [$"repository:{m.From.Repository}:pull"];
        }

        var request = new RegistryRequest(HttpMethod.Post, repository, path, "pull,push") { Idempotent = false, ExtraScopes = extra };
        using var response = await SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, ErrorCode.RegistryRequestFailed, cancellationToken);
        if (mount is not null && response.StatusCode == HttpStatusCode.Created)
        {
            return null;
        }

        return LocationOf(response);
    }

    private async Task CompleteUploadAsync(
        ImageReference repository, string location, Digest digest, long size, Func<Stream> open, CancellationToken cancellationToken)
    {
        if (_options.ChunkSize is { } chunk && size > chunk)
        {
            location = await UploadChunksAsync(repository, location, size, chunk, open, cancellationToken);
            var finish = new RegistryRequest(HttpMethod.Put, repository, WithDigest(location, digest), "pull,push") { Idempotent = false };
            using var finished = await SendAsync(finish, cancellationToken);
            await EnsureSuccessAsync(finished, ErrorCode.RegistryRequestFailed, cancellationToken);
            return;
        }

        var request = new RegistryRequest(HttpMethod.Put, repository, WithDigest(location, digest), "pull,push")
        {
            Idempotent = false,
            Content = () =>
            {
                var content = new StreamContent(open(), 1024 * 1024);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                content.Headers.ContentLength = size;
                return content;
            },
        };
        using var response = await SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, ErrorCode.RegistryRequestFailed, cancellationToken);
    }

    /// <summary>
    /// PATCHes the blob in chunks of <paramref name="chunk"/> bytes (one chunk: a streamed upload), each with its
    /// Content-Range; returns the location to commit at.
    /// </summary>
    private async Task<string> UploadChunksAsync(
        ImageReference repository, string location, long size, long chunk, Func<Stream> open, CancellationToken cancellationToken)
    {
        await using var source = open();
        for (long offset = 0; offset < size || (size == 0 && offset == 0);)
        {
            var length = Math.Min(chunk, size - offset);
            var start = offset;
            var request = new RegistryRequest(HttpMethod.Patch, repository, location, "pull,push")
            {
                Idempotent = false,
                Content = () =>
                {
                    var content = new StreamContent(new ReadOnlyWindow(source, length), 1024 * 1024);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                    content.Headers.ContentLength = length;

                    // spec.md: Content-Range for a chunk is "<start>-<end>", both inclusive, without a unit.
                    if (length > 0)
                    {
                        content.Headers.TryAddWithoutValidation("Content-Range", $"{start}-{start + length - 1}");
                    }

                    return content;
                },
            };
            using var response = await SendAsync(request, cancellationToken);
            await EnsureSuccessAsync(response, ErrorCode.RegistryRequestFailed, cancellationToken);
            location = LocationOf(response);
            offset += length;
            if (size == 0)
            {
                break;
            }
        }

        return location;
    }

    private static string LocationOf(HttpResponseMessage response)
    {
        var location = response.Headers.Location
            ?? throw OciErrors.Http(
                response.RequestMessage!.Method, response.RequestMessage.RequestUri!, response.StatusCode, null, "no Location header in the answer", ErrorCode.RegistryRequestFailed);

        // A relative Location is relative to the request, which is the registry's base for every /v2/ path.
        return location.IsAbsoluteUri ? location.ToString() : new Uri(response.RequestMessage!.RequestUri!, location).ToString();
    }

    private static string WithDigest(string location, Digest digest) =>
        location + (location.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "digest=" + Uri.EscapeDataString(digest.ToString());

    private static string BlobPath(ImageReference repository, Digest digest) => $"v2/{repository.Repository}/blobs/{digest}";

    private static bool IsRetryable(SlipwayException exception) =>
        exception.Code == ErrorCode.RegistryUnreachable
        || (exception.Code == ErrorCode.RegistryRequestFailed && exception.Message.Contains(" returned 5", StringComparison.Ordinal));
}
