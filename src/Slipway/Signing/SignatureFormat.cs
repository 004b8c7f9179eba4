namespace Slipway.Signing;

/// <summary>
/// <c>[signing] format</c>: where signatures and attestations are written. <see cref="Both"/> (the default for one
/// release cycle) writes cosign v3's Sigstore bundles as referrers and the legacy <c>sha256-HEX.sig</c>/<c>.att</c> tags,
/// so verifiers of either generation find them.
/// </summary>
public enum SignatureFormat
{
    Both,
    Bundle,
    Legacy,
}
