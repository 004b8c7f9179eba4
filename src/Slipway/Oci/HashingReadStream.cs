using System.Security.Cryptography;

namespace Slipway.Oci;

/// <summary>Hashes what is read through it, so a blob is read once: for the upload and for its digest.</summary>
internal sealed class HashingReadStream(Stream inner) : ReadOnlyStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private Digest? _digest;

    public long BytesRead { get; private set; }

    public override long Length => inner.Length;

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    /// <summary>The digest of everything read; fixed once asked for, or when the stream is disposed.</summary>
    public Digest Digest() => _digest ??= Oci.Digest.Parse("sha256:" + Convert.ToHexStringLower(_hash.GetHashAndReset()));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _hash.AppendData(buffer[..n]);
        BytesRead += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        _hash.AppendData(buffer.Span[..n]);
        BytesRead += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Digest();
            inner.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
