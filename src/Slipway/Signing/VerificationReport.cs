using Slipway.Oci;

namespace Slipway.Signing;

/// <summary>The outcome of verifying an image: the digest its reference resolved to, and every check in order.</summary>
public sealed record VerificationReport(ImageReference Image, Digest Digest, IReadOnlyList<VerificationCheck> Checks)
{
    public bool Passed => Checks.Count > 0 && Checks.All(c => c.Passed);
}
