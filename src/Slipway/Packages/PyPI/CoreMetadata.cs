using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Slipway.Packages.PyPI;

/// <summary>
/// Python core metadata (packaging.python.org "Core metadata specifications"): the RFC 822-style headers of a wheel's
/// <c>METADATA</c> or an sdist's <c>PKG-INFO</c>, in file order, and the body (the long description).
/// </summary>
internal sealed record CoreMetadata(IReadOnlyList<KeyValuePair<string, string>> Headers, string? Body)
{
    public string? MetadataVersion => First("Metadata-Version");

    public string? Name => First("Name");

    public string? Version => First("Version");

    public string? First(string header) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, header, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Parses the header block and body the way Python's email parser (compat32) splits them.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out CoreMetadata? metadata, [NotNullWhen(false)] out string? problem)
    {
        metadata = null;
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            problem = "it is not UTF-8";
            return false;
        }

        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var headers = new List<KeyValuePair<string, string>>();
        var position = 0;
        string? body = null;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            var line = end < 0 ? text[position..] : text[position..end];
            var next = end < 0 ? text.Length : end + 1;
            if (line.Length == 0)
            {
                body = text[next..];
                break;
            }

            if (line[0] is ' ' or '\t')
            {
                if (headers.Count == 0)
                {
                    problem = "it starts with a continuation line";
                    return false;
                }

                // compat32 keeps a folded value's line breaks and indentation; packaging and twine send it so.
                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + "\n" + line);
            }
            else
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0 || line.AsSpan(0, colon).ContainsAny(' ', '\t'))
                {
                    problem = $"line '{Shorten(line)}' is not a 'Name: value' header";
                    return false;
                }

                headers.Add(new(line[..colon], line[(colon + 1)..].TrimStart(' ', '\t')));
            }

            position = next;
        }

        metadata = new CoreMetadata(headers, string.IsNullOrEmpty(body) ? null : body);
        problem = null;
        return true;
    }

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..60] + "…";
}
