using System.Security.Cryptography.X509Certificates;

namespace Slipway.Signing.Sigstore;

/// <summary>A Fulcio CA of a trusted root: its chain (intermediates first, the root last) and when it may have issued.</summary>
public sealed record TrustedAuthority(IReadOnlyList<X509Certificate2> Chain, DateTimeOffset Start, DateTimeOffset? End)
{
    public bool ValidAt(DateTimeOffset time) => time >= Start && (End is null || time <= End);
}
