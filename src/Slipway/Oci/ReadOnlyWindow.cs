namespace Slipway.Oci;

/// <summary>The next <c>length</c> bytes of a forward-only stream, without disposing it: one PATCH chunk.</summary>
internal sealed class ReadOnlyWindow(Stream inner, long length) : ReadOnlyStream
{
    private readonly long _length = length;
    private long _remaining = length;

    public override long Length => _length;

    public override long Position { get => _length - _remaining; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        if (_remaining <= 0)
        {
            return 0;
        }

        var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]);
        _remaining -= n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining <= 0)
        {
            return 0;
        }

        var n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken);
        _remaining -= n;
        return n;
    }
}
