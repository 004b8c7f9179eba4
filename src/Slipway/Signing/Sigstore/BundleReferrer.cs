using Slipway.Oci;

namespace Slipway.Signing.Sigstore;

/// <summary>A bundle referrer about to be pushed (journaled first, so a rollback removes exactly what this run pushed).</summary>
public sealed record BundleReferrer(string Repository, Digest Subject, Digest Manifest);
