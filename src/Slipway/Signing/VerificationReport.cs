using Slipway.Oci;

namespace Slipway.Signing;

/// <summary>The outcome of verifying an image: the digest its reference resolved to, and every check in order.</summary>
public sealed record VerificationReport(ImageReference Image, Digest Digest, IReadOnlyList<VerificationCheck> Checks)
{
    public bool Passed => Checks.Count > 0 && Checks.All(c => c.Passed);

    /// <summary>Throws for the first failing check (exit 1).</summary>
    public void EnsurePassed()
    {
        if (Checks.FirstOrDefault(c => !c.Passed) is { } failed)
        {
            throw SigningErrors.VerificationFailed($"{failed.Name}: {failed.Detail}");
        }
    }
}
