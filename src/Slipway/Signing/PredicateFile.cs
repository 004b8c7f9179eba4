using System.Text.Json;
using Slipway.Files;

namespace Slipway.Signing;

/// <summary>
/// Reads an attestation predicate: a file holding one JSON object, kept byte for byte. It is usually the build's output,
/// so it is read as every file from the repository is: a regular file inside it, at most
/// <see cref="RepositoryFile.LargeMaxSize"/> (an SBOM of a large image runs to tens of megabytes).
/// </summary>
public static class PredicateFile
{
    public static byte[] Read(string path, string display, FileBoundary boundary, int maxSize = RepositoryFile.LargeMaxSize)
    {
        var bytes = RepositoryFile.ReadAllBytes(path, display, boundary, maxSize, () => SigningErrors.PredicateNotFound(display));
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
