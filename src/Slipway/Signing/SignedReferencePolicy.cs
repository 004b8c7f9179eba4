using Slipway.Oci;

namespace Slipway.Signing;

/// <summary>
/// Which repository a signature's <c>critical.identity.docker-reference</c> must name. A signature says "this digest is
/// the image of that repository": without this check, a signed image of one repository, copied with its signature into
/// another, would verify there too (containers/image's signedIdentity checks it; cosign does not by default).
/// </summary>
public sealed record SignedReferencePolicy(bool AnyReference, ImageReference? Repository)
{
    /// <summary>The signature must name the repository being verified.</summary>
    public static SignedReferencePolicy VerifiedRepository { get; } = new(false, null);

    /// <summary>Any reference is accepted: only the key and the digest are checked.</summary>
    public static SignedReferencePolicy Any { get; } = new(true, null);

    /// <summary>The signature must name <paramref name="repository"/> (an image copied with its signature from where it was signed).</summary>
    public static SignedReferencePolicy SignedFor(ImageReference repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return new(false, repository.Untargeted());
    }

    /// <summary>
    /// Whether <paramref name="claimed"/> names the expected repository. Both sides are normalised the way the
    /// distribution reference grammar does (Docker Hub is <c>docker.io</c>, with <c>library/</c> for one component;
    /// cosign writes <c>index.docker.io</c>); a tag or digest in the claim is ignored; a port is part of the host.
    /// </summary>
    public bool Admits(string claimed, ImageReference verified, out string reason)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        ArgumentNullException.ThrowIfNull(verified);
        if (AnyReference)
        {
            reason = string.Empty;
            return true;
        }

        var expected = (Repository ?? verified).Untargeted();
        if (!ImageReference.TryParse(claimed, out var reference, out _))
        {
            reason = $"the signature was made for '{claimed}', which is not an image reference; {expected.Name} was expected (--allow-any-reference skips this check)";
            return false;
        }

        if (string.Equals(reference.Registry, expected.Registry, StringComparison.OrdinalIgnoreCase)
            && string.Equals(reference.Repository, expected.Repository, StringComparison.Ordinal))
        {
            reason = string.Empty;
            return true;
        }

        reason = $"the signature was made for {reference.Name}, not {expected.Name} (--allow-any-reference skips this check)";
        return false;
    }
}
