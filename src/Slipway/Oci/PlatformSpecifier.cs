using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Slipway.Oci;

/// <summary>
/// The text form <c>os/arch[/variant]</c> of an index entry's platform, as it is handed to a command. The image-index
/// spec takes <c>os</c> and <c>architecture</c> from Go's GOOS and GOARCH and <c>variant</c> from values like
/// <c>v7</c> or <c>v8</c>; each part is held to what platform specifiers allow (letters, digits, '_', '.', '-'),
/// starting with a letter or digit and at most 64 characters, so a platform never carries shell syntax or an option.
/// </summary>
public static partial class PlatformSpecifier
{
    private const string Allowed = "letters, digits, '_', '.', '-', starting with a letter or digit, at most 64 characters";

    public static bool IsValid(Platform platform, out string error)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return Check("os", platform.Os, out error)
            && Check("architecture", platform.Architecture, out error)
            && (platform.Variant is null || Check("variant", platform.Variant, out error));
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out Platform? platform, out string error)
    {
        platform = null;
        var parts = (text ?? string.Empty).Split('/');
        if (parts.Length is < 2 or > 3)
        {
            error = "is not os/arch[/variant]";
            return false;
        }

        var candidate = new Platform(parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
        if (!IsValid(candidate, out error))
        {
            return false;
        }

        platform = candidate;
        return true;
    }

    private static bool Check(string part, string value, out string error)
    {
        error = Part().IsMatch(value) ? string.Empty : $"has an invalid {part} ({Allowed})";
        return error.Length == 0;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
