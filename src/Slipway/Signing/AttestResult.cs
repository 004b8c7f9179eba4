using Slipway.Oci;

namespace Slipway.Signing;

/// <summary>
/// What attesting did at one digest: the predicate type, where the attestation lives, whether an identical one was already
/// there, how many older layers of the same type were replaced, and (for an SBOM) its platform and package count, and the bundle referrer when bundles are written.
/// </summary>
public sealed record AttestResult(
    ImageReference Image,
    Digest Digest,
    string PredicateType,
    ImageReference AttestationTag,
    bool AlreadyAttested,
    int Replaced,
    Platform? Platform = null,
    int? PackageCount = null,
    Digest? Bundle = null);
