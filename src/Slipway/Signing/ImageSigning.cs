using Slipway.Oci;
using Slipway.Signing.Sigstore;

namespace Slipway.Signing;

/// <summary>
/// Signs and attests images in their registry, the way cosign stores them. Every operation first reads what is there, so a
/// re-run (a resumed release) adds nothing that is already present: signatures are compared by verifying with the
/// signer, not by bytes, because ECDSA signatures differ each time. <paramref name="format"/> chooses the legacy tags,
/// Sigstore bundles as referrers, or both; <paramref name="beforeBundlePush"/> hears of each referrer before it is pushed
/// (the release journals it for the rollback).
/// </summary>
public sealed class ImageSigning(
    IRegistry registry,
    ISigner signer,
    SignatureFormat format = SignatureFormat.Both,
    TimeProvider? time = null,
    Func<BundleReferrer, CancellationToken, Task>? beforeBundlePush = null)
{
    private static readonly byte[] EmptyPredicate = "{}"u8.ToArray();
    private readonly CosignStore _store = new(registry);
    private readonly BundleStore _bundles = new(registry);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private bool WritesLegacy => format != SignatureFormat.Bundle;

    private bool WritesBundle => format != SignatureFormat.Legacy;

    /// <summary>Signs the manifest <paramref name="image"/> names; a tag is resolved first and the digest is what gets signed.</summary>
    public async Task<SignResult> SignAsync(ImageReference image, CancellationToken cancellationToken = default)
    {
        var digest = await ResolveAsync(image, cancellationToken);
        var repository = image.Untargeted();
        Digest? bundle = null;
        var bundleExisted = true;
        if (WritesBundle)
        {
            var statement = new InTotoStatement([new InTotoSubject(string.Empty, digest.Hex)], PredicateTypes.CosignSign, EmptyPredicate).ToJson();
            (bundle, bundleExisted) = await WriteBundleAsync(repository, digest, PredicateTypes.CosignSign, statement, cancellationToken);
        }

        var tag = CosignStore.SignatureTag(repository, digest);
        if (!WritesLegacy)
        {
            return new SignResult(image, digest, tag, bundleExisted, bundle);
        }

        var payload = SimpleSigning.Create(repository.Name, digest.ToString());
        var layers = await _store.ReadAsync(tag, cancellationToken);
        if (layers.Any(layer => IsOwnSignature(layer, payload)))
        {
            return new SignResult(image, digest, tag, AlreadySigned: bundleExisted, bundle);
        }

        var output = signer.Sign(payload);
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CosignLayer.SignatureAnnotation] = Convert.ToBase64String(output.Signature),
        };
        AddIdentity(annotations, output);
        await _store.WriteAsync(tag, [.. layers, new CosignLayer(SimpleSigning.MediaType, payload, annotations)], cancellationToken);
        return new SignResult(image, digest, tag, AlreadySigned: false, bundle);
    }

    /// <summary>
    /// Attests <paramref name="predicate"/> (one JSON object) about the manifest <paramref name="image"/> names. With
    /// <paramref name="replace"/>, layers of the same predicate type are dropped and the others kept.
    /// </summary>
    public async Task<AttestResult> AttestAsync(
        ImageReference image, string predicateType, byte[] predicate, bool replace, CancellationToken cancellationToken = default)
    {
        var digest = await ResolveAsync(image, cancellationToken);
        return await AttestAtAsync(image.Untargeted(), digest, predicateType, predicate, replace, cancellationToken);
    }

    /// <summary>
    /// One SBOM per platform manifest, attested at that manifest's digest, never at the index (an index-level SBOM can only
    /// describe one platform). Attestation manifests of an index (platform unknown/unknown and BuildKit's annotation) are skipped. Each SBOM is parsed
    /// and must reach its floor before anything is signed; SBOMs replace older ones of the same type.
    /// </summary>
    public async Task<IReadOnlyList<AttestResult>> AttestSbomsAsync(
        ImageReference image,
        Func<SbomTarget, CancellationToken, Task<byte[]>> produce,
        Func<SbomTarget, SbomFloor> floor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(produce);
        ArgumentNullException.ThrowIfNull(floor);
        var targets = await PlatformTargetsAsync(image, cancellationToken);
        // Every platform is checked before the first SBOM command runs: one hostile entry stops them all.
        foreach (var target in targets)
        {
            _ = SbomCommand.Values(target);
        }

        var documents = new List<(SbomTarget Target, SbomDocument Sbom)>(targets.Count);
        foreach (var target in targets)
        {
            var source = $"SBOM of {target.Image.Name}@{target.Digest}{(target.Platform is null ? string.Empty : $" ({target.Platform})")}";
            var sbom = SbomDocument.Parse(await produce(target, cancellationToken), source);
            var minimum = floor(target);
            if (!minimum.Admits(sbom.PackageCount))
            {
                throw SigningErrors.SbomBelowFloor(source, sbom.PackageCount, minimum);
            }

            documents.Add((target, sbom));
        }

        var results = new List<AttestResult>(documents.Count);
        foreach (var (target, sbom) in documents)
        {
            var result = await AttestAtAsync(target.Image, target.Digest, sbom.PredicateType, sbom.Json, replace: true, cancellationToken);
            results.Add(result with { Platform = target.Platform, PackageCount = sbom.PackageCount });
        }

        return results;
    }

    /// <summary>SLSA provenance v1 at the digest <paramref name="image"/> names (the index for a multi-platform image).</summary>
    public Task<AttestResult> AttestProvenanceAsync(ImageReference image, ProvenanceFacts facts, CancellationToken cancellationToken = default) =>
        AttestAsync(image, PredicateTypes.SlsaProvenanceV1, SlsaProvenance.Build(facts), replace: true, cancellationToken);

    /// <summary>The single-platform manifests an SBOM must describe: the image itself, or each platform entry of its index.</summary>
    public async Task<IReadOnlyList<SbomTarget>> PlatformTargetsAsync(ImageReference image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        var manifest = await registry.GetManifestAsync(image, cancellationToken);
        var repository = image.Untargeted();
        if (!manifest.IsIndex)
        {
            return [new SbomTarget(repository, manifest.Digest, null)];
        }

        return [.. manifest.Parse().PlatformEntries
            .Where(entry => MediaTypes.IsManifest(entry.MediaType))
            .Select(entry => new SbomTarget(repository, entry.Digest, entry.Platform))];
    }

    /// <summary>Removes the signatures and attestations of <paramref name="digest"/>, both layouts (every signer's).</summary>
    public static async Task<IReadOnlyList<ImageReference>> RemoveAsync(
        IRegistry registry, ImageReference repository, Digest digest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var removed = new List<ImageReference>(await new CosignStore(registry).RemoveAsync(repository.Untargeted(), digest, cancellationToken));
        var bundles = new BundleStore(registry);
        foreach (var bundle in await bundles.ReadAsync(repository, digest, cancellationToken))
        {
            if (await bundles.RemoveAsync(repository, digest, bundle.Manifest, cancellationToken))
            {
                removed.Add(repository.Untargeted().WithDigest(bundle.Manifest));
            }
        }

        return removed;
    }

    /// <summary>
    /// Removes the signatures and attestations of the manifest <paramref name="image"/> names and, for an index, of every
    /// manifest it lists (rollback: the index digest and each platform digest).
    /// </summary>
    public static async Task<IReadOnlyList<ImageReference>> RemoveAllAsync(
        IRegistry registry, ImageReference image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(image);
        var manifest = await registry.GetManifestAsync(image, cancellationToken);
        var digests = new List<Digest> { manifest.Digest };
        if (manifest.IsIndex)
        {
            digests.AddRange(manifest.Parse().Manifests.Select(entry => entry.Digest));
        }

        var removed = new List<ImageReference>();
        foreach (var digest in digests)
        {
            removed.AddRange(await RemoveAsync(registry, image, digest, cancellationToken));
        }

        return removed;
    }

    private async Task<AttestResult> AttestAtAsync(
        ImageReference repository, Digest digest, string predicateType, byte[] predicate, bool replace, CancellationToken cancellationToken)
    {
        var statement = new InTotoStatement([new InTotoSubject(repository.Name, digest.Hex)], predicateType, predicate).ToJson();
        var tag = CosignStore.AttestationTag(repository, digest);
        Digest? bundle = null;
        var bundleExisted = true;
        if (WritesBundle)
        {
            (bundle, bundleExisted) = await WriteBundleAsync(repository, digest, predicateType, statement, cancellationToken);
        }

        if (!WritesLegacy)
        {
            return new AttestResult(repository, digest, predicateType, tag, AlreadyAttested: bundleExisted, Replaced: 0, Bundle: bundle);
        }

        var layers = await _store.ReadAsync(tag, cancellationToken);
        var sameType = layers.Where(l => l.Annotation(CosignLayer.PredicateTypeAnnotation) == predicateType).ToList();
        var identical = sameType.FirstOrDefault(l => IsOwnAttestation(l, statement));
        if (identical is not null && (!replace || sameType.Count == 1))
        {
            return new AttestResult(repository, digest, predicateType, tag, AlreadyAttested: bundleExisted, Replaced: 0, Bundle: bundle);
        }

        var kept = replace ? layers.Where(l => !sameType.Contains(l)).ToList() : [.. layers];
        var layer = identical ?? NewAttestationLayer(predicateType, statement);
        await _store.WriteAsync(tag, [.. kept, layer], cancellationToken);
        var replaced = replace ? sameType.Count - (identical is null ? 0 : 1) : 0;
        return new AttestResult(repository, digest, predicateType, tag, AlreadyAttested: identical is not null && bundleExisted, replaced, Bundle: bundle);
    }

    /// <summary>
    /// The bundle referrer of <paramref name="digest"/> holding <paramref name="statement"/> signed by this signer: the one
    /// already there (true), or a new one pushed by digest (false).
    /// </summary>
    private async Task<(Digest Referrer, bool Existed)> WriteBundleAsync(
        ImageReference repository, Digest digest, string predicateType, byte[] statement, CancellationToken cancellationToken)
    {
        var existing = (await _bundles.ReadAsync(repository, digest, cancellationToken)).FirstOrDefault(stored =>
            stored.PredicateType == predicateType
            && stored.Bundle is { } found
            && found.Envelope.PayloadType == InTotoStatement.PayloadType
            && found.Envelope.Payload.AsSpan().SequenceEqual(statement)
            && found.Envelope.IsSignedBy(signer));
        if (existing is not null)
        {
            return (existing.Manifest, true);
        }

        var subject = await registry.GetManifestAsync(repository.WithDigest(digest), cancellationToken);
        var envelope = DsseEnvelope.Sign(InTotoStatement.PayloadType, statement, signer);
        byte[] bundle;
        if (signer is KeylessSigner keyless)
        {
            var (entry, timestamp) = await keyless.WitnessAsync(envelope, cancellationToken);
            bundle = new SigstoreBundle(envelope, null, keyless.Certificate, entry, timestamp).ToJson();
        }
        else
        {
            bundle = new SigstoreBundle(envelope, signer.PublicKeyHint, Certificate: null).ToJson();
        }

        var manifest = BundleStore.Manifest(
            new Descriptor(subject.MediaType, subject.Digest, subject.Bytes.Length), bundle, predicateType, _time.GetUtcNow());
        var referrer = Digest.Sha256(manifest);
        if (beforeBundlePush is not null)
        {
            await beforeBundlePush(new BundleReferrer(repository.ToString(), digest, referrer), cancellationToken);
        }

        return (await _bundles.WriteAsync(repository, bundle, manifest, cancellationToken), false);
    }

    private CosignLayer NewAttestationLayer(string predicateType, byte[] statement)
    {
        var envelope = DsseEnvelope.Sign(InTotoStatement.PayloadType, statement, signer);
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // cosign leaves the signature annotation empty on attestations: the signature is inside the envelope.
            [CosignLayer.SignatureAnnotation] = string.Empty,
            [CosignLayer.PredicateTypeAnnotation] = predicateType,
        };
        return new CosignLayer(DsseEnvelope.MediaType, envelope.ToJson(), annotations);
    }

    private bool IsOwnSignature(CosignLayer layer, byte[] payload)
    {
        if (layer.MediaType != SimpleSigning.MediaType || !layer.Content.AsSpan().SequenceEqual(payload))
        {
            return false;
        }

        var encoded = layer.Annotation(CosignLayer.SignatureAnnotation);
        return encoded is not null && TryBase64(encoded, out var signature) && signer.IsOwnSignature(payload, signature);
    }

    private bool IsOwnAttestation(CosignLayer layer, byte[] statement) =>
        layer.MediaType == DsseEnvelope.MediaType
        && DsseEnvelope.TryParse(layer.Content, out var envelope, out _)
        && envelope!.PayloadType == InTotoStatement.PayloadType
        && envelope.Payload.AsSpan().SequenceEqual(statement)
        && envelope.IsSignedBy(signer);

    private async Task<Digest> ResolveAsync(ImageReference image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Digest is not null)
        {
            // Reading the manifest proves the digest exists here before anything is signed for it.
            return (await registry.GetManifestAsync(image, cancellationToken)).Digest;
        }

        return await registry.ResolveAsync(image, cancellationToken) ?? throw OciErrors.ManifestNotFound(image);
    }

    private static void AddIdentity(Dictionary<string, string> annotations, SignerOutput output)
    {
        if (output.Certificate is not null)
        {
            annotations["dev.sigstore.cosign/certificate"] = output.Certificate;
        }

        if (output.CertificateChain is not null)
        {
            annotations["dev.sigstore.cosign/chain"] = output.CertificateChain;
        }

        if (output.Bundle is not null)
        {
            annotations["dev.sigstore.cosign/bundle"] = output.Bundle;
        }
    }

    internal static bool TryBase64(string text, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
