using System.Diagnostics.CodeAnalysis;

namespace Slipway.Versioning;

/// <summary>A SemVer 2.0.0 version (https://semver.org/spec/v2.0.0.html), parsed strictly.</summary>
public sealed record SemanticVersion(int Major, int Minor, int Patch, string Prerelease, string Build)
    : ProjectVersion(Major, Minor, Patch, Prerelease), IComparable<SemanticVersion>
{
    public override string SchemeName => SemVerScheme.Instance.Name;

    public static SemanticVersion Parse(string text) =>
        TryParse(text, out var version, out var error) ? version : throw new FormatException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out SemanticVersion? version, out string error)
    {
        version = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "is empty";
            return false;
        }

        if (text[0] is 'v' or 'V')
        {
            error = "starts with 'v' (the version is SemVer; the 'v' belongs in the tag template)";
            return false;
        }

        var core = text;
        if (!SplitSuffix(ref core, '+', numericMustNotHaveLeadingZero: false, "invalid build metadata", out var build, out error)
            || !SplitSuffix(ref core, '-', numericMustNotHaveLeadingZero: true, "an invalid prerelease", out var prerelease, out error))
        {
            return false;
        }

        var parts = core.Split('.');
        if (parts.Length != 3)
        {
            error = "must have three numbers MAJOR.MINOR.PATCH";
            return false;
        }

        var numbers = new int[3];
        for (var i = 0; i < 3; i++)
        {
            var part = parts[i];
            if (part.Length == 0 || !part.All(char.IsAsciiDigit))
            {
                error = $"has a non-numeric part '{part}'";
                return false;
            }

            if (part.Length > 1 && part[0] == '0')
            {
                error = $"has a leading zero in '{part}'";
                return false;
            }

            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out numbers[i]))
            {
                error = $"has a number too large: '{part}'";
                return false;
            }
        }

        version = new SemanticVersion(numbers[0], numbers[1], numbers[2], prerelease, build);
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// Cuts <c>core SEPARATOR suffix</c> at the first separator and checks the suffix's dot-separated identifiers
    /// (SemVer §9 and §10; NuGet and CalVer suffixes follow the same rule).
    /// </summary>
    internal static bool SplitSuffix(ref string core, char separator, bool numericMustNotHaveLeadingZero, string what, out string suffix, out string error)
    {
        suffix = string.Empty;
        error = string.Empty;
        var at = core.IndexOf(separator, StringComparison.Ordinal);
        if (at < 0)
        {
            return true;
        }

        suffix = core[(at + 1)..];
        core = core[..at];
        if (Identifiers(suffix, numericMustNotHaveLeadingZero, out error))
        {
            return true;
        }

        error = $"has {what} '{suffix}': {error}";
        return false;
    }

    internal static bool Identifiers(string text, bool numericMustNotHaveLeadingZero, out string error)
    {
        foreach (var identifier in text.Split('.'))
        {
            if (identifier.Length == 0)
            {
                error = "empty identifier";
                return false;
            }

            if (!identifier.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                error = $"'{identifier}' may only hold [0-9A-Za-z-]";
                return false;
            }

            if (numericMustNotHaveLeadingZero && identifier.Length > 1 && identifier[0] == '0' && identifier.All(char.IsAsciiDigit))
            {
                error = $"numeric identifier '{identifier}' has a leading zero";
                return false;
            }
        }

        error = string.Empty;
        return true;
    }

    /// <summary>Precedence per SemVer §11; build metadata does not count.</summary>
    public int CompareTo(SemanticVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var result = Major.CompareTo(other.Major);
        if (result == 0)
        {
            result = Minor.CompareTo(other.Minor);
        }

        if (result == 0)
        {
            result = Patch.CompareTo(other.Patch);
        }

        return result != 0 ? result : ComparePrerelease(Prerelease, other.Prerelease);
    }

    protected override int CompareSameScheme(ProjectVersion other) => CompareTo((SemanticVersion)other);

    internal static int ComparePrerelease(string left, string right, StringComparison comparison = StringComparison.Ordinal)
    {
        if (left.Length == 0 || right.Length == 0)
        {
            // A version without prerelease has higher precedence than one with.
            return left.Length == right.Length ? 0 : (left.Length == 0 ? 1 : -1);
        }

        var a = left.Split('.');
        var b = right.Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var aNumeric = a[i].All(char.IsAsciiDigit);
            var bNumeric = b[i].All(char.IsAsciiDigit);
            int result;
            if (aNumeric && bNumeric)
            {
                result = a[i].Length != b[i].Length ? a[i].Length.CompareTo(b[i].Length) : string.CompareOrdinal(a[i], b[i]);
            }
            else if (aNumeric != bNumeric)
            {
                result = aNumeric ? -1 : 1;
            }
            else
            {
                result = string.Compare(a[i], b[i], comparison);
            }

            if (result != 0)
            {
                return Math.Sign(result);
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    public static bool operator <(SemanticVersion left, SemanticVersion right) => Compare(left, right) < 0;

    public static bool operator >(SemanticVersion left, SemanticVersion right) => Compare(left, right) > 0;

    public static bool operator <=(SemanticVersion left, SemanticVersion right) => Compare(left, right) <= 0;

    public static bool operator >=(SemanticVersion left, SemanticVersion right) => Compare(left, right) >= 0;

    private static int Compare(SemanticVersion? left, SemanticVersion? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    public override string ToString()
    {
        var text = $"{Major}.{Minor}.{Patch}";
        if (Prerelease.Length > 0)
        {
            text += "-" + Prerelease;
        }

        if (Build.Length > 0)
        {
            text += "+" + Build;
        }

        return text;
    }
}
