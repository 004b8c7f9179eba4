using System.Text;
using System.Text.Json;
using Slipway.Forges;
using Slipway.Oci;
using Slipway.Pipeline.Outputs;
using Slipway.Signing;
using Slipway.Signing.Sigstore;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// The release assets of each signed image, read back from the registry by digest: the signature (a Sigstore bundle
/// <c>STEM.sigstore.json</c> when <c>[signing] format</c> writes bundles, else the simple signing payload
/// <c>STEM.payload.json</c> and its base64 signature <c>STEM.sig</c>), the SBOM of each platform
/// (<c>STEM_OS-ARCH[-VARIANT].spdx.json</c> or <c>.cdx.json</c>) and the provenance envelope (<c>STEM.intoto.jsonl</c>),
/// where STEM is the image's repository path with <c>/</c> as <c>-</c>. Every manifest is read by digest and every
/// blob checked against its digest; a plan journaled by an earlier attempt is read again and must give the same bytes.
/// </summary>
internal static class ImageReleaseAssets
{
    public static async Task<IReadOnlyList<(ImageAsset Plan, byte[] Content)>> ReadAsync(
        StepContext context, RunPorts ports, IReadOnlyList<ImageAsset>? planned, CancellationToken cancellationToken)
    {
        var signatures = await context.TryOutputOfAsync<ImageSignatures>(StepNames.Sign, cancellationToken);
        if (signatures is null || signatures.Signatures.Count == 0)
        {
            return [];
        }

        using var registry = ports.Registry(RegistryRole.Prerelease, context.Services);
        var read = new List<(ImageAsset, byte[])>();
        if (planned is { Count: > 0 })
        {
            foreach (var plan in planned)
            {
                var content = await ReadPartAsync(registry, plan.Repository, plan.Manifest, plan.Layer, plan.Part, cancellationToken);
                var sha = Sha256(content);
                if (sha != plan.Sha256)
                {
                    throw ForgeErrors.ImageAssetChanged(plan.Name, plan.Sha256, sha);
                }

                read.Add((plan, content));
            }

            return read;
        }

        var sboms = await context.TryOutputOfAsync<SbomAttestations>(StepNames.AttestSbom, cancellationToken);
        var provenance = await context.TryOutputOfAsync<ProvenanceAttestations>(StepNames.AttestProvenance, cancellationToken);
        var journaled = (signatures.Referrers ?? [])
            .Concat(sboms?.Referrers ?? [])
            .Concat(provenance?.Referrers ?? [])
            .Select(r => r.Manifest)
            .ToHashSet();
        var finder = new Finder(registry, context.Config.Signing.Format, journaled);
        foreach (var signed in signatures.Signatures)
        {
            var stem = Stem(signed.Repository);
            if (finder.Bundles)
            {
                read.Add(await finder.BundleAsync(signed.Repository, signed.Digest, p => p == PredicateTypes.CosignSign, $"{stem}.sigstore.json", SigstoreBundle.MediaType, ImageAssetPart.Blob, cancellationToken));
            }
            else
            {
                read.AddRange(await finder.LegacySignatureAsync(signed.Repository, signed.Digest, stem, cancellationToken));
            }

            foreach (var sbom in sboms?.Sboms.Where(s => s.Repository == signed.Repository) ?? [])
            {
                var platform = sbom.Platform.Length == 0 ? string.Empty : "_" + sbom.Platform.Replace('/', '-');
                read.Add(await finder.AttestationAsync(sbom.Repository, sbom.Digest, PredicateTypes.IsSbom, $"{stem}{platform}", ImageAssetPart.Predicate, cancellationToken));
            }

            foreach (var attested in provenance?.Provenance.Where(p => p.Repository == signed.Repository) ?? [])
            {
                read.Add(await finder.AttestationAsync(
                    attested.Repository, attested.Digest, p => p == PredicateTypes.SlsaProvenanceV1, $"{stem}.intoto.jsonl", ImageAssetPart.Envelope, cancellationToken));
            }
        }

        return read;
    }

    public static ReleaseAsset ToReleaseAsset(ImageAsset plan, byte[] content) =>
        new(plan.Name, plan.ContentType, plan.Sha256, plan.Size, () => new MemoryStream(content, writable: false));

    /// <summary>The image's repository path, without its registry, <c>/</c> written as <c>-</c>.</summary>
    public static string Stem(string repository) => ImageReference.Parse(repository).Repository.Replace('/', '-');

    private static string Sha256(byte[] content) => Digest.Sha256(content).Hex;

    private static async Task<byte[]> ReadPartAsync(RegistryClient registry, string repository, Digest manifestDigest, Digest layerDigest, ImageAssetPart part, CancellationToken cancellationToken)
    {
        var image = ImageReference.Parse(repository).Untargeted();
        var manifest = await registry.TryGetManifestAsync(image.WithDigest(manifestDigest), cancellationToken)
            ?? throw ForgeErrors.ImageAssetMissing(image.WithDigest(manifestDigest).ToString(), "the manifest is gone");
        var layer = manifest.IsIndex ? null : manifest.Parse().Layers.FirstOrDefault(l => l.Digest == layerDigest);
        if (layer is null)
        {
            throw ForgeErrors.ImageAssetMissing(image.WithDigest(manifestDigest).ToString(), $"it has no layer {layerDigest}");
        }

        var limit = layer.MediaType == SigstoreBundle.MediaType ? SigstoreBundle.MaxSize : CosignStore.MaxLayersSize;
        if (layer.Size < 0 || layer.Size > limit)
        {
            throw ForgeErrors.ImageAssetMissing(image.WithDigest(manifestDigest).ToString(), $"layer {layerDigest} declares {layer.Size} bytes, above the {limit / (1024 * 1024)} MiB cap");
        }

        var blob = part == ImageAssetPart.SignatureAnnotation ? [] : await registry.GetBlobAsync(image, layer, cancellationToken);
        return Extract(image.WithDigest(manifestDigest).ToString(), layer, blob, part);
    }

    private static byte[] Extract(string source, Descriptor layer, byte[] blob, ImageAssetPart part)
    {
        switch (part)
        {
            case ImageAssetPart.Blob:
                return blob;
            case ImageAssetPart.SignatureAnnotation:
                return layer.Annotation(CosignLayer.SignatureAnnotation) is { Length: > 0 } signature
                    ? Encoding.ASCII.GetBytes(signature)
                    : throw ForgeErrors.ImageAssetMissing(source, "the signature layer has no signature annotation");
        }

        DsseEnvelope? envelope;
        string error;
        if (layer.MediaType == SigstoreBundle.MediaType)
        {
            envelope = SigstoreBundle.TryParse(blob, out var bundle, out error) ? bundle!.Envelope : null;
        }
        else
        {
            _ = DsseEnvelope.TryParse(blob, out envelope, out error);
        }

        if (envelope is null)
        {
            throw ForgeErrors.ImageAssetMissing(source, error);
        }

        if (part == ImageAssetPart.Envelope)
        {
            // JSON Lines: one envelope per line (the in-toto convention of .intoto.jsonl).
            return [.. envelope.ToJson(), (byte)'\n'];
        }

        try
        {
            using var statement = JsonDocument.Parse(envelope.Payload);
            return statement.RootElement.TryGetProperty("predicate", out var predicate) && predicate.ValueKind == JsonValueKind.Object
                ? Encoding.UTF8.GetBytes(predicate.GetRawText())
                : throw ForgeErrors.ImageAssetMissing(source, "the attested statement has no predicate object");
        }
        catch (JsonException e)
        {
            throw ForgeErrors.ImageAssetMissing(source, $"the attested statement is not JSON: {e.Message}");
        }
    }

    /// <summary>Finds each asset's source in the registry, once, for a new plan.</summary>
    private sealed class Finder(RegistryClient registry, SignatureFormat format, HashSet<Digest> journaled)
    {
        public bool Bundles => format != SignatureFormat.Legacy;

        public async Task<(ImageAsset, byte[])> BundleAsync(
            string repository, Digest subject, Func<string, bool> predicate, string name, string contentType, ImageAssetPart part, CancellationToken cancellationToken)
        {
            var image = ImageReference.Parse(repository).Untargeted();
            var candidates = new List<(ManifestContent Manifest, Descriptor Layer, string Created)>();
            foreach (var referrer in (await registry.GetReferrersAsync(image, subject, SigstoreBundle.MediaType, cancellationToken)).DistinctBy(r => r.Digest))
            {
                // The referrers list is anyone's to write: each manifest is read by digest and must name the subject.
                var manifest = MediaTypes.IsManifest(referrer.MediaType) ? await registry.TryGetManifestAsync(image.WithDigest(referrer.Digest), cancellationToken) : null;
                if (manifest is null || manifest.IsIndex)
                {
                    continue;
                }

                var document = manifest.Parse();
                var type = document.Annotations is { } a && a.TryGetValue(BundleStore.PredicateTypeAnnotation, out var p) ? p : string.Empty;
                if (document.Subject?.Digest == subject && predicate(type) && document.Layers is [{ MediaType: SigstoreBundle.MediaType } layer])
                {
                    var created = document.Annotations!.TryGetValue(BundleStore.CreatedAnnotation, out var c) ? c : string.Empty;
                    candidates.Add((manifest, layer, created));
                }
            }

            // This run's own bundle first; else the newest, then by digest, so the choice does not depend on list order.
            var chosen = candidates
                .OrderByDescending(c => journaled.Contains(c.Manifest.Digest))
                .ThenByDescending(c => c.Created, StringComparer.Ordinal)
                .ThenBy(c => c.Manifest.Digest.ToString(), StringComparer.Ordinal)
                .Select(c => ((ManifestContent, Descriptor)?)(c.Manifest, c.Layer))
                .FirstOrDefault()
                ?? throw ForgeErrors.ImageAssetMissing($"{image.WithDigest(subject)}", $"no Sigstore bundle referrer for {name}");
            return await PlanAsync(image, chosen.Item1.Digest, chosen.Item2, name, contentType, part, cancellationToken);
        }

        public async Task<(ImageAsset, byte[])> AttestationAsync(
            string repository, Digest subject, Func<string, bool> predicate, string name, ImageAssetPart part, CancellationToken cancellationToken)
        {
            var sbom = part == ImageAssetPart.Predicate;
            if (Bundles)
            {
                var found = await BundleAsync(repository, subject, predicate, name, "application/octet-stream", part, cancellationToken);
                return sbom ? Named(found, name) : found;
            }

            var image = ImageReference.Parse(repository).Untargeted();
            var tag = CosignStore.AttestationTag(image, subject);
            var manifest = await registry.TryGetManifestAsync(tag, cancellationToken);
            var layer = manifest is null || manifest.IsIndex
                ? null
                : manifest.Parse().Layers.LastOrDefault(l => l.Annotation(CosignLayer.PredicateTypeAnnotation) is { } type && predicate(type));
            if (layer is null)
            {
                throw ForgeErrors.ImageAssetMissing(tag.ToString(), $"no attestation layer for {name}");
            }

            var planned = await PlanAsync(image, manifest!.Digest, layer, name, "application/octet-stream", part, cancellationToken);
            return sbom ? Named(planned, name) : planned;
        }

        public async Task<IReadOnlyList<(ImageAsset, byte[])>> LegacySignatureAsync(string repository, Digest subject, string stem, CancellationToken cancellationToken)
        {
            var image = ImageReference.Parse(repository).Untargeted();
            var tag = CosignStore.SignatureTag(image, subject);
            var manifest = await registry.TryGetManifestAsync(tag, cancellationToken);
            Descriptor? chosen = null;
            if (manifest is { IsIndex: false })
            {
                // The claim is in the blob, so each candidate layer is read (checked against its digest) to find the last one naming this digest.
                foreach (var layer in manifest.Parse().Layers.Where(l => l.MediaType == SimpleSigning.MediaType && l.Size is >= 0 and <= CosignStore.MaxLayersSize))
                {
                    var blob = await registry.GetBlobAsync(image, layer, cancellationToken);
                    if (SimpleSigning.TryParse(blob, out var claim, out _) && claim!.Digest == subject.ToString())
                    {
                        chosen = layer;
                    }
                }
            }

            if (chosen is null)
            {
                throw ForgeErrors.ImageAssetMissing(tag.ToString(), $"no simple signing layer claims {subject}");
            }

            return
            [
                await PlanAsync(image, manifest!.Digest, chosen, $"{stem}.payload.json", SimpleSigning.MediaType, ImageAssetPart.Blob, cancellationToken),
                await PlanAsync(image, manifest.Digest, chosen, $"{stem}.sig", "text/plain", ImageAssetPart.SignatureAnnotation, cancellationToken),
            ];
        }

        /// <summary>An SBOM's name and type follow its format, known only once it is read.</summary>
        private static (ImageAsset, byte[]) Named((ImageAsset Plan, byte[] Content) found, string stem)
        {
            var cyclone = IsCycloneDx(found.Content);
            var name = stem + (cyclone ? ".cdx.json" : ".spdx.json");
            return (found.Plan with { Name = name, ContentType = ContentTypes.For(name) }, found.Content);
        }

        private static bool IsCycloneDx(byte[] document)
        {
            try
            {
                using var json = JsonDocument.Parse(document);
                return json.RootElement.TryGetProperty("bomFormat", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() == "CycloneDX";
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private async Task<(ImageAsset, byte[])> PlanAsync(
            ImageReference image, Digest manifest, Descriptor layer, string name, string contentType, ImageAssetPart part, CancellationToken cancellationToken)
        {
            var content = await ReadPartAsync(registry, image.Name, manifest, layer.Digest, part, cancellationToken);
            var type = part == ImageAssetPart.Envelope ? ContentTypes.For(name) : contentType;
            return (new ImageAsset(name, type, Sha256(content), content.LongLength, image.Name, manifest, layer.Digest, part), content);
        }
    }
}
