using System.Globalization;
using System.Text.Json;

namespace Slipway.Signing;

/// <summary>An SBOM Slipway can attest: SPDX 2.3 JSON (<c>packages</c>) or CycloneDX 1.5+ JSON (<c>components</c>, nested included).</summary>
public sealed record SbomDocument(SbomFormat Format, string Version, int PackageCount, byte[] Json)
{
    public string PredicateType => Format == SbomFormat.Spdx ? PredicateTypes.Spdx : PredicateTypes.CycloneDx;

    public static SbomDocument Parse(byte[] json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw SigningErrors.SbomUnrecognized(source, $"not JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw SigningErrors.SbomUnrecognized(source, "the document is not a JSON object");
            }

            if (root.TryGetProperty("spdxVersion", out var spdxVersion))
            {
                var version = spdxVersion.ValueKind == JsonValueKind.String ? spdxVersion.GetString()! : string.Empty;
                if (version != "SPDX-2.3")
                {
                    throw SigningErrors.SbomUnrecognized(source, $"spdxVersion is '{version}', not 'SPDX-2.3'");
                }

                var count = root.TryGetProperty("packages", out var packages) && packages.ValueKind == JsonValueKind.Array
                    ? packages.GetArrayLength()
                    : 0;
                return new SbomDocument(SbomFormat.Spdx, version, count, json);
            }

            if (root.TryGetProperty("bomFormat", out var bomFormat) && bomFormat.ValueKind == JsonValueKind.String && bomFormat.GetString() == "CycloneDX")
            {
                var version = root.TryGetProperty("specVersion", out var spec) && spec.ValueKind == JsonValueKind.String ? spec.GetString()! : string.Empty;
                if (!IsCycloneDx15OrLater(version))
                {
                    throw SigningErrors.SbomUnrecognized(source, $"CycloneDX specVersion is '{version}'; 1.5 or later is needed");
                }

                return new SbomDocument(SbomFormat.CycloneDx, version, CountComponents(root), json);
            }

            throw SigningErrors.SbomUnrecognized(source, "it has neither spdxVersion nor bomFormat \"CycloneDX\"");
        }
    }

    private static bool IsCycloneDx15OrLater(string version)
    {
        var parts = version.Split('.');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            && (major > 1 || (major == 1 && minor >= 5));
    }

    /// <summary>Components nest (a package inside a package): every level counts.</summary>
    private static int CountComponents(JsonElement parent)
    {
        if (!parent.TryGetProperty("components", out var components) || components.ValueKind != JsonValueKind.Array)
        {
            return 0;
        }

        var count = 0;
        foreach (var component in components.EnumerateArray())
        {
            count++;
            if (component.ValueKind == JsonValueKind.Object)
            {
                count += CountComponents(component);
            }
        }

        return count;
    }
}
