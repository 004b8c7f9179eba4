using System.Text.Json;

namespace Slipway.Signing;

/// <summary>Reads an attestation predicate: a file holding one JSON object, kept byte for byte.</summary>
public static class PredicateFile
{
    public static byte[] Read(string path, string display)
    {
        if (!File.Exists(path))
        {
            throw SigningErrors.PredicateNotFound(display);
        }

        var bytes = File.ReadAllBytes(path);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw SigningErrors.PredicateNotObject(display);
            }
        }
        catch (JsonException e)
        {
            throw SigningErrors.PredicateNotJson(display, e.Message);
        }

        return bytes;
    }

    /// <summary>An SBOM predicate type promises that SBOM: an unrecognised or mislabelled document must not be signed.</summary>
    public static void EnsureMatchesType(byte[] predicate, string predicateType, string display)
    {
        if (!PredicateTypes.IsSbom(predicateType))
        {
            return;
        }

        var sbom = SbomDocument.Parse(predicate, display);
        if (sbom.PredicateType != predicateType)
        {
            throw SigningErrors.SbomTypeMismatch(display, sbom.Format, predicateType);
        }
    }
}
