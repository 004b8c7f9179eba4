using System.Text.RegularExpressions;

namespace Slipway.Ci;

/// <summary>
/// Scalars as the generated YAML writes them: plain when nothing in them means something to YAML (and they do not
/// read as a boolean, null or number), otherwise single-quoted with <c>'</c> doubled. Expressions (<c>${{ }}</c>) are
/// written plain, as GitHub's documentation writes them.
/// </summary>
internal static partial class YamlText
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    };

    public static string Scalar(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Plain().IsMatch(text) && !Reserved.Contains(text) && !Number().IsMatch(text))
        {
            return text;
        }

        return $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
    }

    [GeneratedRegex(@"^[A-Za-z_./][A-Za-z0-9_./()+-]*( [A-Za-z0-9_./()+-]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Plain();

    [GeneratedRegex(@"^[-+]?[0-9.]", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
