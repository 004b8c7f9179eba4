using System.Text.RegularExpressions;

namespace Slipway.Packages.PyPI;

/// <summary>PEP 503 normalisation: the name the JSON API and the file-name checks use.</summary>
internal static partial class ProjectName
{
    public static string Normalize(string name) => Separators().Replace(name, "-").ToLowerInvariant();

    [GeneratedRegex("[-_.]+", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();
}
