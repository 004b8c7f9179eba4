using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Slipway.Diagnostics;

/// <summary>
/// The forms a secret takes on its way out: JSON string escapes (the journal stores outputs as JSON, and
/// System.Text.Json's default encoder writes <c>+</c> as <c>\u002B</c>), URL encoding (a proxy URL's user info, a form
/// body) and base64 (a Basic <c>Authorization</c> header). Each is masked like the secret itself.
/// </summary>
internal static class SecretEncodings
{
    public static IEnumerable<string> Of(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!IsWellFormed(secret))
        {
            // A lone surrogate (an environment variable from another encoding) has no JSON, URL or UTF-8 form to mask:
            // the encoders refuse it. The secret itself is still masked.
            return [secret];
        }

        var forms = new HashSet<string>(StringComparer.Ordinal) { secret };
        foreach (var url in UrlForms(secret))
        {
            forms.Add(url);
        }

        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        forms.Add(base64);
        forms.Add(base64.TrimEnd('='));

        foreach (var form in forms.ToList())
        {
            foreach (var json in JsonForms(form))
            {
                forms.Add(json);
            }
        }

        return forms;
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<string> UrlForms(string secret)
    {
        var escaped = Uri.EscapeDataString(secret);

        // application/x-www-form-urlencoded writes a space as '+'.
        var form = escaped.Replace("%20", "+", StringComparison.Ordinal);
        return [escaped, LowerHex(escaped), form, LowerHex(form)];
    }

    private static IEnumerable<string> JsonForms(string text)
    {
        var strict = JsonEncodedText.Encode(text).Value;
        return
        [
            strict,
            LowerHex(strict),
            JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value,
            Minimal(text),
        ];
    }

    /// <summary>Only what JSON requires: the quote, the backslash and control characters (PostgreSQL's jsonb, most encoders).</summary>
    private static string Minimal(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                < ' ' => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>Hex digits of %XX and \uXXXX escapes in lower case, as other encoders write them.</summary>
    private static string LowerHex(string text)
    {
        var builder = new StringBuilder(text);
        for (var i = 0; i < builder.Length; i++)
        {
            var digits = builder[i] == '%' ? 2 : builder[i] == '\\' && i + 1 < builder.Length && builder[i + 1] == 'u' ? 4 : 0;
            var start = builder[i] == '%' ? i + 1 : i + 2;
            for (var j = start; digits > 0 && j < start + digits && j < builder.Length; j++)
            {
                builder[j] = char.ToLowerInvariant(builder[j]);
            }

            if (digits > 0)
            {
                i = start + digits - 1;
            }
        }

        return builder.ToString();
    }
}
