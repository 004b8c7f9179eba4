using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Slipway.Versioning;

/// <summary>
/// PEP 440, the versions PyPI accepts. Alternative spellings are read and normalised as §Normalization says
/// (<c>1.0-alpha1</c> is <c>1.0a1</c>, <c>1.0-1</c> is <c>1.0.post1</c>, <c>1.0.DEV</c> is <c>1.0.dev0</c>, <c>01</c> is
/// <c>1</c>); a local version (<c>+ubuntu1</c>) is refused, because PyPI refuses uploads of local versions.
/// </summary>
public sealed partial class Pep440Scheme : IVersionScheme
{
    public static Pep440Scheme Instance { get; } = new();

    private Pep440Scheme()
    {
    }

    public string Name => "pep440";

    public string Title => "PEP 440";

    public string Hint => "write [N!]N(.N)*[{a|b|rc}N][.postN][.devN], for example 1.2.0, 26.2, 4.0.0a2, 1.0.0.post1 or 24.8.0.dev0";

    public bool TryParse(string? text, [NotNullWhen(true)] out ProjectVersion? version, out string reason)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "is empty";
            return false;
        }

        var match = Grammar().Match(text);
        if (!match.Success)
        {
            reason = "does not follow [N!]N(.N)*[{a|b|rc}N][.postN][.devN] (PEP 440, public version identifiers)";
            return false;
        }

        if (match.Groups["local"].Success)
        {
            reason = $"has a local version label '+{match.Groups["local"].Value}' (PEP 440, local version identifiers: PyPI refuses them)";
            return false;
        }

        if (!Number(match.Groups["epoch"], 0, out var epoch, out reason))
        {
            return false;
        }

        var release = new List<int>();
        foreach (var part in match.Groups["release"].Value.Split('.'))
        {
            if (!TryInt(part, out var number))
            {
                reason = $"has a number too large: '{part}'";
                return false;
            }

            release.Add(number);
        }

        string? preLabel = null;
        var preNumber = 0;
        if (match.Groups["prel"].Success)
        {
            preLabel = match.Groups["prel"].Value.ToLowerInvariant() switch
            {
                "a" or "alpha" => "a",
                "b" or "beta" => "b",
                _ => "rc",
            };
            if (!Number(match.Groups["pren"], 0, out preNumber, out reason))
            {
                return false;
            }
        }

        int? post = null;
        if (match.Groups["post"].Success)
        {
            var postGroup = match.Groups["postn1"].Success ? match.Groups["postn1"] : match.Groups["postn2"];
            if (!Number(postGroup, 0, out var postNumber, out reason))
            {
                return false;
            }

            post = postNumber;
        }

        int? dev = null;
        if (match.Groups["dev"].Success)
        {
            if (!Number(match.Groups["devn"], 0, out var devNumber, out reason))
            {
                return false;
            }

            dev = devNumber;
        }

        version = new Pep440Version(epoch, release, preLabel, preNumber, post, dev);
        reason = string.Empty;
        return true;
    }

    private static bool Number(Group group, int implicitValue, out int value, out string reason)
    {
        reason = string.Empty;
        if (!group.Success)
        {
            // PEP 440: an implicit pre-release, post-release or dev number is 0.
            value = implicitValue;
            return true;
        }

        if (TryInt(group.Value, out value))
        {
            return true;
        }

        reason = $"has a number too large: '{group.Value}'";
        return false;
    }

    private static bool TryInt(string digits, out int value) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    // The grammar of PEP 440 Appendix B with every permitted alternative spelling; matching is case-insensitive.
    [GeneratedRegex("""
        ^\s*v?
        (?:(?<epoch>[0-9]+)!)?
        (?<release>[0-9]+(?:\.[0-9]+)*)
        (?<pre>[-_.]?(?<prel>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pren>[0-9]+)?)?
        (?<post>-(?<postn1>[0-9]+)|[-_.]?(?:post|rev|r)[-_.]?(?<postn2>[0-9]+)?)?
        (?<dev>[-_.]?dev[-_.]?(?<devn>[0-9]+)?)?
        (?:\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?
        \s*$
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Grammar();
}
