using System.Text.RegularExpressions;

namespace Slipway.Packages.PyPI;

/// <summary>PEP 440 version syntax (the specification's appendix regex), and its local segment (<c>+local</c>).</summary>
internal static partial class Pep440
{
    public static bool IsValid(string version) => VersionPattern().IsMatch(version);

    /// <summary>A local version (<c>1.2.3+dev</c>) is for builds that are not published: PyPI refuses it.</summary>
    public static bool HasLocalSegment(string version) => version.Contains('+', StringComparison.Ordinal);

    [GeneratedRegex(
        @"^\s*v?(?:(?:[0-9]+)!)?[0-9]+(?:\.[0-9]+)*(?:[-_\.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_\.]?[0-9]*)?(?:-[0-9]+|[-_\.]?(?:post|rev|r)[-_\.]?[0-9]*)?(?:[-_\.]?dev[-_\.]?[0-9]*)?(?:\+[a-z0-9]+(?:[-_\.][a-z0-9]+)*)?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
