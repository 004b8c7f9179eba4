namespace Slipway.Oci;

/// <summary>An OCI content descriptor (descriptor.md): what a manifest or index says about the content it points at.</summary>
public sealed record Descriptor(
    string MediaType,
    Digest Digest,
    long Size,
    Platform? Platform = null,
    IReadOnlyDictionary<string, string>? Annotations = null,
    string? ArtifactType = null)
{
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    /// <summary>BuildKit marks an attestation manifest in an index with this annotation (and platform unknown/unknown).</summary>
    public const string DockerReferenceTypeAnnotation = "vnd.docker.reference.type";

    public const string AttestationManifestType = "attestation-manifest";

    public string? Annotation(string key) => Annotations is not null && Annotations.TryGetValue(key, out var value) ? value : null;

    /// <summary>
    /// An index entry is an attestation manifest only when it is marked both ways, as BuildKit writes it: platform
    /// unknown/unknown and the annotation. The index is data whoever builds the image controls, so an entry with a real
    /// platform (one a runtime can pull) is a platform whatever its annotations say: it gets its SBOM and its scan.
    /// </summary>
    public bool IsAttestation =>
        Platform?.IsUnknown == true && Annotation(DockerReferenceTypeAnnotation) == AttestationManifestType;
}
