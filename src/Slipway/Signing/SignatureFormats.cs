namespace Slipway.Signing;

/// <summary>The names of <see cref="SignatureFormat"/> in slipway.toml and on the command line.</summary>
public static class SignatureFormats
{
    public static bool TryParse(string? text, out SignatureFormat format)
    {
        (var known, format) = text switch
        {
            "both" => (true, SignatureFormat.Both),
            "bundle" => (true, SignatureFormat.Bundle),
            "legacy" => (true, SignatureFormat.Legacy),
            _ => (false, SignatureFormat.Both),
        };
        return known;
    }

    /// <summary>Bad input (exit 2) naming <paramref name="origin"/> when <paramref name="text"/> is no format.</summary>
    public static SignatureFormat Parse(string text, string origin) =>
        TryParse(text, out var format) ? format : throw SigningErrors.FormatInvalid(origin, text);
}
