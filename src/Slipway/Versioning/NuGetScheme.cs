using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Slipway.Versioning;

/// <summary>
/// NuGet's versions: one to four numbers (<c>1.2</c> is <c>1.2.0</c>, <c>01.2</c> is <c>1.2.0</c>), an optional
/// <c>-prerelease</c> of dot-separated labels and <c>+metadata</c>. A numeric prerelease label with a leading zero is
/// refused, as NuGet refuses it in SemVer 2.0 versions.
/// </summary>
public sealed class NuGetScheme : IVersionScheme
{
    public static NuGetScheme Instance { get; } = new();

    private NuGetScheme()
    {
    }

    public string Name => "nuget";

    public string Title => "a NuGet version";

    public string Hint => "write MAJOR.MINOR[.PATCH[.REVISION]], optionally -PRERELEASE, for example 1.2.3, 1.2.3.4 or 1.0.0-beta.1";

    public bool TryParse(string? text, [NotNullWhen(true)] out ProjectVersion? version, out string reason)
    {
        version = null;
        if (string.IsNullOrEmpty(text))
        {
            reason = "is empty";
            return false;
        }

        var core = text;
        if (!SemanticVersion.SplitSuffix(ref core, '+', numericMustNotHaveLeadingZero: false, "invalid metadata", out var metadata, out reason)
            || !SemanticVersion.SplitSuffix(ref core, '-', numericMustNotHaveLeadingZero: true, "an invalid prerelease", out var prerelease, out reason))
        {
            return false;
        }

        var parts = core.Split('.');
        if (parts.Length is < 1 or > 4)
        {
            reason = "must have one to four numbers MAJOR.MINOR.PATCH.REVISION";
            return false;
        }

        var numbers = new int[4];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0 || !parts[i].All(char.IsAsciiDigit))
            {
                reason = $"has a non-numeric part '{parts[i]}'";
                return false;
            }

            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                reason = $"has a number too large: '{parts[i]}'";
                return false;
            }
        }

        version = new NuGetVersion(numbers[0], numbers[1], numbers[2], numbers[3], prerelease, metadata);
        reason = string.Empty;
        return true;
    }
}
