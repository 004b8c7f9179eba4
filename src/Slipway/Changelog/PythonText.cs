using System.Text;

namespace Slipway.Changelog;

/// <summary>
/// The few Python string semantics towncrier's output depends on (<c>str.strip</c>, <c>splitlines</c>, <c>isdigit</c>,
/// code-point ordering), so the same fragment gives the same bytes.
/// </summary>
internal static class PythonText
{
    private static readonly System.Buffers.SearchValues<char> LengtheningUpper =
        System.Buffers.SearchValues.Create("\u00df\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06");

    // Python's str.isspace also counts the information separators U+001C..U+001F, which .NET does not.
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

    public static string Strip(string text) => RStrip(LStrip(text));

    public static string LStrip(string text)
    {
        var start = 0;
        while (start < text.Length && IsSpace(text[start]))
        {
            start++;
        }

        return start == 0 ? text : text[start..];
    }

    public static string RStrip(string text)
    {
        var end = text.Length;
        while (end > 0 && IsSpace(text[end - 1]))
        {
            end--;
        }

        return end == text.Length ? text : text[..end];
    }

    public static bool IsBlank(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!IsSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The line boundaries of <c>str.splitlines</c> (after universal newlines turned CR and CRLF into LF).</summary>
    public static bool IsLineBoundary(char c) => c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029';

    /// <summary><c>str.isdigit</c> for decimal digits: non-empty and every character a Unicode decimal digit.</summary>
    public static bool IsDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>str(int(text))</c> for a string of decimal digits: ASCII digits, leading zeros removed, any length.</summary>
    public static string NormalizeNumber(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        return (digits.Length == 1 || digits[0] != '0') && Ascii.IsValid(digits) ? digits : NormalizeNumber(digits.AsSpan());
    }

    public static string NormalizeNumber(ReadOnlySpan<char> digits)
    {
        var builder = new StringBuilder(digits.Length);
        foreach (var c in digits)
        {
            if (builder.Length == 0 && c == '0' && digits.Length > 1)
            {
                continue;
            }

            var value = (int)char.GetNumericValue(c);
            if (builder.Length == 0 && value == 0)
            {
                continue;
            }

            builder.Append((char)('0' + value));
        }

        return builder.Length == 0 ? "0" : builder.ToString();
    }

    /// <summary>Compares two normalized numbers (no leading zeros) by value.</summary>
    public static int CompareNumbers(string left, string right) =>
        left.Length != right.Length ? left.Length.CompareTo(right.Length) : string.CompareOrdinal(left, right);

    /// <summary>Python's string order: by code point (UTF-16 ordinal order differs for characters above U+FFFF).</summary>
    public static int CompareCodePoints(string? left, string? right)
    {
        if (ReferenceEquals(left, right))
        {
            return 0;
        }

        if (left is null || right is null)
        {
            return left is null ? -1 : 1;
        }

        var length = Math.Min(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            var a = left[i];
            var b = right[i];
            if (a == b)
            {
                continue;
            }

            var aSurrogate = char.IsSurrogate(a);
            var bSurrogate = char.IsSurrogate(b);
            if (aSurrogate != bSurrogate && (a >= '\uE000' || b >= '\uE000'))
            {
                return aSurrogate ? 1 : -1;
            }

            return a.CompareTo(b);
        }

        return left.Length.CompareTo(right.Length);
    }

    /// <summary>Python's <c>len</c>: code points, not UTF-16 units.</summary>
    public static int Length(string text)
    {
        var count = text.Length;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c))
            {
                count--;
            }
        }

        return count;
    }

    /// <summary><c>int(text)</c> succeeds: optional sign, decimal digits, single underscores between digits, spaces around.</summary>
    public static bool IsPythonInt(string text)
    {
        var span = Strip(text).AsSpan();
        if (span.Length > 0 && span[0] is '+' or '-')
        {
            span = span[1..];
        }

        if (span.IsEmpty || !char.IsDigit(span[0]) || !char.IsDigit(span[^1]))
        {
            return false;
        }

        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] == '_' ? !char.IsDigit(span[i + 1]) : !char.IsDigit(span[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Python's <c>str.title()</c>: a cased character after a cased one is lowered, any other is titled, so
    /// <c>my_pkg</c> is <c>My_Pkg</c> and <c>1st</c> is <c>1St</c>.
    /// </summary>
    public static string Title(string text)
    {
        var builder = new StringBuilder(text.Length);
        var previousCased = false;
        foreach (var c in text)
        {
            builder.Append(previousCased ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
            previousCased = char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.UppercaseLetter
                or System.Globalization.UnicodeCategory.LowercaseLetter or System.Globalization.UnicodeCategory.TitlecaseLetter;
        }

        return builder.ToString();
    }

    /// <summary>Python's <c>str.upper()</c>: .NET's invariant mapping plus the special cases that lengthen (<c>ß</c> → <c>SS</c>).</summary>
    public static string Upper(string text)
    {
        var upper = text.ToUpperInvariant();
        if (upper.AsSpan().IndexOfAny(LengtheningUpper) < 0)
        {
            return upper;
        }

        return upper.Replace("\u00df", "SS", StringComparison.Ordinal).Replace("\ufb00", "FF", StringComparison.Ordinal)
            .Replace("\ufb01", "FI", StringComparison.Ordinal).Replace("\ufb02", "FL", StringComparison.Ordinal)
            .Replace("\ufb03", "FFI", StringComparison.Ordinal).Replace("\ufb04", "FFL", StringComparison.Ordinal)
            .Replace("\ufb05", "ST", StringComparison.Ordinal).Replace("\ufb06", "ST", StringComparison.Ordinal);
    }
}
