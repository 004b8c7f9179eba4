namespace Slipway.Oci;

/// <summary>The <c>platform</c> of an index entry (image-index.md).</summary>
public sealed record Platform(string Os, string Architecture, string? Variant = null, string? OsVersion = null)
{
    /// <summary>BuildKit's attestation manifests sit in the index with platform <c>unknown/unknown</c>.</summary>
    public bool IsUnknown => Os == "unknown" && Architecture == "unknown";

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
