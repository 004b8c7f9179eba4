namespace Slipway.Signing;

/// <summary>One layer of a cosign <c>.sig</c> or <c>.att</c> manifest: its blob and the annotations on its descriptor.</summary>
public sealed record CosignLayer(string MediaType, byte[] Content, IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>On a simple signing layer: the base64 signature over the layer's blob (SIGNATURE_SPEC.md).</summary>
    public const string SignatureAnnotation = "dev.cosignproject.cosign/signature";

    /// <summary>On an attestation layer: the in-toto predicate type of the statement inside (ATTESTATION_SPEC.md).</summary>
    public const string PredicateTypeAnnotation = "predicateType";

    public string? Annotation(string key) => Annotations.TryGetValue(key, out var value) ? value : null;
}
