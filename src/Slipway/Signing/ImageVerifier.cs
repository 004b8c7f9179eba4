using Slipway.Oci;
using Slipway.Signing.Sigstore;

namespace Slipway.Signing;

/// <summary>
/// Checks an image against a public key: a simple signing signature that verifies and names the digest, and for each
/// requested predicate type a DSSE envelope that verifies, carries that predicate type, and whose statement names the
/// digest. SBOMs are checked at every platform manifest of an index, where Slipway attests them. The signature must also
/// name the repository it is verified in, unless <paramref name="references"/> says otherwise. Both layouts are read:
/// cosign v3's Sigstore bundles (referrers of the digest) first, then the legacy <c>.sig</c>/<c>.att</c> tags.
/// </summary>
public sealed class ImageVerifier(IRegistry registry, VerificationKey? key, SignedReferencePolicy? references = null, KeylessVerifier? keyless = null)
{
    private readonly CosignStore _store = new(registry);
    private readonly BundleStore _bundles = new(registry);
    private readonly SignedReferencePolicy _references = references ?? SignedReferencePolicy.VerifiedRepository;

    // One referrers listing per digest, however many predicate types are checked at it (signature, provenance, ...).
    private readonly Dictionary<Digest, IReadOnlyList<StoredBundle>> _referrers = [];

    public async Task<VerificationReport> VerifyAsync(
        ImageReference image, IReadOnlyList<string> predicateTypes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(predicateTypes);
        var manifest = await registry.GetManifestAsync(image, cancellationToken);
        var repository = image.Untargeted();
        var checks = await LayoutChecksAsync(
            repository, manifest.Digest, PredicateTypes.CosignSign, () => CheckSignatureAsync(repository, manifest.Digest, cancellationToken), cancellationToken);
        foreach (var predicateType in predicateTypes)
        {
            if (PredicateTypes.IsSbom(predicateType) && manifest.IsIndex)
            {
                var platforms = manifest.Parse().PlatformEntries.Where(e => MediaTypes.IsManifest(e.MediaType)).ToList();
                foreach (var entry in platforms)
                {
                    var found = await LayoutChecksAsync(
                        repository, entry.Digest, predicateType, () => CheckAttestationAsync(repository, entry.Digest, predicateType, cancellationToken), cancellationToken);
                    checks.AddRange(found.Select(check => check with { Name = $"{check.Name} ({entry.Platform?.ToString() ?? "no platform"})" }));
                }

                if (platforms.Count == 0)
                {
                    checks.Add(new VerificationCheck($"attestation {predicateType}", false, "the index lists no platform manifests"));
                }
            }
            else
            {
                checks.AddRange(await LayoutChecksAsync(
                    repository, manifest.Digest, predicateType, () => CheckAttestationAsync(repository, manifest.Digest, predicateType, cancellationToken), cancellationToken));
            }
        }

        return new VerificationReport(image, manifest.Digest, checks);
    }

    /// <summary>
    /// One check per layout present, legacy first: each must verify (a tampered layout beside a good one is not waved
    /// through). Without either, the legacy check's failure names what is missing in both.
    /// </summary>
    private async Task<List<VerificationCheck>> LayoutChecksAsync(
        ImageReference repository, Digest digest, string predicateType, Func<Task<(VerificationCheck Check, bool Present)>> legacy, CancellationToken cancellationToken)
    {
        if (!_referrers.TryGetValue(digest, out var bundles))
        {
            bundles = await _bundles.ReadAsync(repository, digest, cancellationToken);
            _referrers[digest] = bundles;
        }

        if (keyless is not null)
        {
            return KeylessChecks(keyless, bundles, digest, predicateType);
        }

        var bundle = CheckBundles(bundles, digest, predicateType);
        var (old, present) = await legacy();
        return (bundle, present) switch
        {
            (null, _) => [bundle is null && !present ? old with { Detail = $"{old.Detail}, and no bundle referrer" } : old],
            (_, false) => [bundle],
            _ => [old, bundle],
        };
    }

    /// <summary>
    /// Keyless signatures exist only as bundles. Every check of the first bundle that passes them all, or else of the
    /// candidate that got furthest, so the failing check says why.
    /// </summary>
    private static List<VerificationCheck> KeylessChecks(KeylessVerifier verifier, IReadOnlyList<StoredBundle> bundles, Digest digest, string predicateType)
    {
        var name = (predicateType == PredicateTypes.CosignSign ? $"signature {digest}" : $"attestation {predicateType} {digest}") + " (keyless bundle)";
        List<VerificationCheck>? best = null;
        foreach (var stored in bundles.Where(b => b.PredicateType == predicateType))
        {
            var checks = verifier.Verify(stored, digest, predicateType, name).ToList();
            if (checks.All(c => c.Passed))
            {
                return checks;
            }

            if (best is null || checks.TakeWhile(c => c.Passed).Count() > best.TakeWhile(c => c.Passed).Count())
            {
                best = checks;
            }
        }

        return best ?? [new VerificationCheck(name, false, $"no {predicateType} bundle referrer of {digest}")];
    }

    /// <summary>Null when no bundle referrer is there; otherwise the first bundle this key signed for the digest, or why none did.</summary>
    private VerificationCheck? CheckBundles(IReadOnlyList<StoredBundle> bundles, Digest digest, string predicateType)
    {
        var name = (predicateType == PredicateTypes.CosignSign ? $"signature {digest}" : $"attestation {predicateType} {digest}") + " (bundle)";
        var candidates = bundles.Where(b => b.PredicateType == predicateType).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var reason = string.Empty;
        string? signedButWrong = null;
        foreach (var stored in candidates)
        {
            if (stored.Bundle is not { } bundle)
            {
                reason = stored.Error;
                continue;
            }

            var envelope = bundle.Envelope;
            if (envelope.PayloadType != InTotoStatement.PayloadType)
            {
                reason = $"bundle {stored.Manifest}: the envelope's payload type is '{envelope.PayloadType}'";
                continue;
            }

            if (!envelope.IsSignedBy(key!))
            {
                reason = $"no bundle's signature verifies with {key!.Source}";
                continue;
            }

            if (!InTotoStatement.TryParse(envelope.Payload, out var statement, out var error))
            {
                signedButWrong = $"bundle {stored.Manifest}: {error}";
                continue;
            }

            if (statement!.PredicateType != predicateType)
            {
                signedButWrong = $"bundle {stored.Manifest} is annotated {predicateType} but its statement's predicate type is {statement.PredicateType}";
                continue;
            }

            if (!statement.Subjects.Any(s => string.Equals(s.Sha256, digest.Hex, StringComparison.Ordinal)))
            {
                signedButWrong = $"bundle {stored.Manifest}: the statement's subjects ({string.Join(", ", statement.Subjects.Select(s => "sha256:" + s.Sha256))}) do not name {digest}";
                continue;
            }

            return new VerificationCheck(name, true, $"bundle {stored.Manifest} signed by {key!.Source}", envelope.Payload);
        }

        return new VerificationCheck(name, false, signedButWrong ?? reason);
    }

    private async Task<(VerificationCheck Check, bool Present)> CheckSignatureAsync(ImageReference repository, Digest digest, CancellationToken cancellationToken)
    {
        var name = $"signature {digest}";
        var tag = CosignStore.SignatureTag(repository, digest);
        var layers = await _store.ReadAsync(tag, cancellationToken);
        if (layers.Count == 0)
        {
            return (new VerificationCheck(name, false, $"no signatures at {tag}"), false);
        }

        var reason = "no simple signing layer";
        string? signedButWrong = null; // a layer this key did sign, whose claim fails: it says more than other keys' layers
        foreach (var layer in layers.Where(l => l.MediaType == SimpleSigning.MediaType))
        {
            var encoded = layer.Annotation(CosignLayer.SignatureAnnotation);
            if (encoded is null || !ImageSigning.TryBase64(encoded, out var signature))
            {
                reason = "a layer has no base64 signature annotation";
                continue;
            }

            if (!key!.Verify(layer.Content, signature))
            {
                reason = $"no signature verifies with {key!.Source}";
                continue;
            }

            if (!SimpleSigning.TryParse(layer.Content, out var claim, out var error))
            {
                signedButWrong = error;
                continue;
            }

            if (claim!.Digest != digest.ToString())
            {
                signedButWrong = $"the signed payload names {claim.Digest}, not {digest}";
                continue;
            }

            if (!_references.Admits(claim.DockerReference, repository, out var mismatch))
            {
                signedButWrong = mismatch;
                continue;
            }

            var any = _references.AnyReference ? " (any reference allowed)" : string.Empty;
            return (new VerificationCheck(name, true, $"signed by {key!.Source} for {claim.DockerReference}{any}", layer.Content), true);
        }

        return (new VerificationCheck(name, false, signedButWrong ?? reason), true);
    }

    private async Task<(VerificationCheck Check, bool Present)> CheckAttestationAsync(
        ImageReference repository, Digest digest, string predicateType, CancellationToken cancellationToken)
    {
        var name = $"attestation {predicateType} {digest}";
        var tag = CosignStore.AttestationTag(repository, digest);
        var layers = (await _store.ReadAsync(tag, cancellationToken))
            .Where(l => l.Annotation(CosignLayer.PredicateTypeAnnotation) == predicateType)
            .ToList();
        if (layers.Count == 0)
        {
            return (new VerificationCheck(name, false, $"no {predicateType} attestation at {tag}"), false);
        }

        var reason = string.Empty;
        string? signedButWrong = null; // an envelope this key did sign, whose statement fails: it says more than other keys' layers
        foreach (var layer in layers)
        {
            if (!DsseEnvelope.TryParse(layer.Content, out var envelope, out var error))
            {
                reason = error;
                continue;
            }

            if (envelope!.PayloadType != InTotoStatement.PayloadType)
            {
                reason = $"the envelope's payload type is '{envelope.PayloadType}'";
                continue;
            }

            if (!envelope.IsSignedBy(key!))
            {
                reason = $"no envelope signature verifies with {key!.Source}";
                continue;
            }

            if (!InTotoStatement.TryParse(envelope.Payload, out var statement, out error))
            {
                signedButWrong = error;
                continue;
            }

            if (statement!.PredicateType != predicateType)
            {
                signedButWrong = $"the layer is annotated {predicateType} but its statement's predicate type is {statement.PredicateType}";
                continue;
            }

            if (!statement.Subjects.Any(s => string.Equals(s.Sha256, digest.Hex, StringComparison.Ordinal)))
            {
                signedButWrong = $"the statement's subjects ({string.Join(", ", statement.Subjects.Select(s => "sha256:" + s.Sha256))}) do not name {digest}";
                continue;
            }

            return (new VerificationCheck(name, true, $"signed by {key!.Source}", envelope.Payload), true);
        }

        return (new VerificationCheck(name, false, signedButWrong ?? reason), true);
    }
}
