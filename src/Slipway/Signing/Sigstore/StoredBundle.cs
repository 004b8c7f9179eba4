using Slipway.Oci;

namespace Slipway.Signing.Sigstore;

/// <summary>One bundle found as a referrer of a digest: the referrer manifest, its predicate type annotation and the bundle, or why it is unusable.</summary>
public sealed record StoredBundle(Digest Manifest, string? PredicateType, SigstoreBundle? Bundle, string Error);
