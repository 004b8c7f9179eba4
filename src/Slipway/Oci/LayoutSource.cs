using System.Diagnostics.CodeAnalysis;

namespace Slipway.Oci;

/// <summary>One platform of an image to pack: <c>linux/arm64[/v8]=DIRECTORY</c>, the directory's files becoming its layer.</summary>
public sealed record LayoutSource(Platform Platform, string Directory)
{
    public static bool TryParse(string text, string workingDirectory, [NotNullWhen(true)] out LayoutSource? source, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        source = null;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
        {
            error = $"'{text}' is not PLATFORM=DIRECTORY (for example linux/amd64=out/amd64)";
            return false;
        }

        var parts = text[..equals].Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0 || !p.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')))
        {
            error = $"'{text[..equals]}' is not a platform OS/ARCHITECTURE[/VARIANT] (for example linux/arm64/v8)";
            return false;
        }

        var directory = Path.GetFullPath(Path.Combine(workingDirectory, text[(equals + 1)..]));
        if (!System.IO.Directory.Exists(directory))
        {
            error = $"'{text[(equals + 1)..]}' is not a directory";
            return false;
        }

        source = new LayoutSource(new Platform(parts[0], parts[1], parts.Length == 3 ? parts[2] : null), directory);
        error = string.Empty;
        return true;
    }
}
