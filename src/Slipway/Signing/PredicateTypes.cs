namespace Slipway.Signing;

/// <summary>The <c>--type</c> names cosign users know, and the predicate type URIs they stand for.</summary>
public static class PredicateTypes
{
    public const string SlsaProvenanceV1 = "https://slsa.dev/provenance/v1";
    public const string Spdx = "https://spdx.dev/Document";
    public const string CycloneDx = "https://cyclonedx.org/bom";

    /// <summary>cosign v3's image signature in a bundle: an in-toto statement naming the image digest, empty predicate.</summary>
    public const string CosignSign = "https://sigstore.dev/cosign/sign/v1";

    /// <summary>A short name or an absolute URI; anything else is bad input.</summary>
    public static string Resolve(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type switch
        {
            "slsaprovenance" or "slsaprovenance1" => SlsaProvenanceV1,
            "spdxjson" or "spdx" => Spdx,
            "cyclonedx" => CycloneDx,
            // On Unix "/x" parses as an absolute file URI: a predicate type names a schema, never a local file.
            _ when Uri.TryCreate(type, UriKind.Absolute, out var uri) && uri.Scheme != Uri.UriSchemeFile && type.Contains(':', StringComparison.Ordinal) => type,
            _ => throw SigningErrors.TypeInvalid(type),
        };
    }

    public static bool IsSbom(string predicateType) => predicateType is Spdx or CycloneDx;
}
