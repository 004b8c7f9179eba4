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

    public string? Annotation(string key) => Annotations is not null && Annotations.TryGetValue(key, out var value) ? value : null;

    public bool IsAttestation =>
        Platform?.IsUnknown == true || Annotation(DockerReferenceTypeAnnotation) == "attestation-manifest";
}
