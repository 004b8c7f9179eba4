using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Slipway.Signing.Sigstore;

/// <summary>A Fulcio CA or a timestamp authority of a trusted root: its chain (intermediates first, the root last) and when it may have issued.</summary>
public sealed record TrustedAuthority(IReadOnlyList<X509Certificate2> Chain, DateTimeOffset Start, DateTimeOffset? End)
{
    public bool ValidAt(DateTimeOffset time) => time >= Start && (End is null || time <= End);

    /// <summary>
    /// A chain from <paramref name="certificate"/> to this authority's root alone, at <paramref name="time"/>, for the
    /// extended key usage <paramref name="usageOid"/> (no revocation: Sigstore's certificates are short-lived). The
    /// caller disposes it and reads <see cref="X509Chain.ChainStatus"/> when <paramref name="built"/> is false.
    /// </summary>
    public X509Chain BuildChain(X509Certificate2 certificate, DateTimeOffset time, string usageOid, out bool built)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = time.UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(usageOid));
        chain.ChainPolicy.CustomTrustStore.Add(Chain[^1]);
        chain.ChainPolicy.ExtraStore.AddRange(Chain.Take(Chain.Count - 1).ToArray());
        built = chain.Build(certificate);
        return chain;
    }
}
