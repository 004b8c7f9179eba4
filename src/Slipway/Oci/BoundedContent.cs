using System.Buffers;

namespace Slipway.Oci;

/// <summary>
/// Reads an answer's body with its size cap applied while reading, so a hostile registry or token server cannot make
/// Slipway buffer more than the cap (a declared Content-Length over the cap is refused before reading at all).
/// </summary>
internal static class BoundedContent
{
    private const int ChunkSize = 64 * 1024;

    private const int InitialBuffer = 1024 * 1024;

    /// <summary>The whole body, or a coded error as soon as it passes <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]> ReadAsync(HttpResponseMessage response, int limit, string what, CancellationToken cancellationToken)
    {
        var request = response.RequestMessage!;
        if (response.Content.Headers.ContentLength > limit)
        {
            throw OciErrors.AnswerTooLarge(request.Method, request.RequestUri!, what, limit);
        }

        var (bytes, complete) = await ReadUpToAsync(response.Content, limit, cancellationToken);
        return complete ? bytes : throw OciErrors.AnswerTooLarge(request.Method, request.RequestUri!, what, limit);
    }

    /// <summary>At most <paramref name="limit"/> bytes of the body; the rest is not read (error bodies: their start says enough).</summary>
    public static async Task<byte[]> ReadTruncatedAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken) =>
        (await ReadUpToAsync(response.Content, limit, cancellationToken)).Bytes;

    private static async Task<(byte[] Bytes, bool Complete)> ReadUpToAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        // The buffer grows with what arrives: a declared length is the peer's word, and sizing the buffer by it let a
        // registry have 2 GB allocated before it sent a byte.
        var declared = content.Headers.ContentLength ?? ChunkSize;
        using var buffer = new MemoryStream((int)Math.Clamp(declared, 0, Math.Min(limit, InitialBuffer)));
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            while (true)
            {
                // One byte past the cap is enough to know the body is too large.
                var wanted = (int)Math.Min(chunk.Length, limit + 1L - buffer.Length);
                var read = await stream.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken);
                if (read == 0)
                {
                    return (buffer.ToArray(), true);
                }

                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                {
                    return (buffer.GetBuffer().AsSpan(0, limit).ToArray(), false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
