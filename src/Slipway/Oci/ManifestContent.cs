namespace Slipway.Oci;

/// <summary>A manifest or index exactly as stored: its bytes, its media type and the digest of those bytes.</summary>
public sealed record ManifestContent(byte[] Bytes, string MediaType, Digest Digest)
{
    public static ManifestContent From(byte[] bytes, string mediaType) => new(bytes, mediaType, Digest.Sha256(bytes));

    public bool IsIndex => MediaTypes.IsIndex(MediaType);

    public long Size => Bytes.LongLength;

    public Descriptor ToDescriptor(Platform? platform = null) => new(MediaType, Digest, Size, platform);

    public ManifestDocument Parse() => ManifestDocument.Parse(Bytes, MediaType, Digest.ToString());
}
