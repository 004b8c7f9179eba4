using System.Text.Json.Serialization;

namespace Slipway.Pipeline.Outputs;

/// <summary>What a release asset takes from the registry layer it is read from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImageAssetPart>))]
public enum ImageAssetPart
{
    /// <summary>The layer's blob as it is: a Sigstore bundle, or a simple signing payload.</summary>
    Blob,

    /// <summary>The base64 signature annotation on a simple signing layer.</summary>
    SignatureAnnotation,

    /// <summary>The DSSE envelope (of a bundle or a legacy attestation layer), one JSON line.</summary>
    Envelope,

    /// <summary>The predicate of the in-toto statement inside the envelope, byte for byte: the SBOM document.</summary>
    Predicate,
}
