namespace Slipway.Signing.Sigstore;

/// <summary>A transparency or CT log of a trusted root: its log ID, its PKIX public key and when that key was in use.</summary>
public sealed record TrustedLog(byte[] LogId, byte[] PublicKey, DateTimeOffset Start, DateTimeOffset? End)
{
    public bool ValidAt(DateTimeOffset time) => time >= Start && (End is null || time <= End);
}
