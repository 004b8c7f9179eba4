using System.Globalization;
using System.Text;

namespace Slipway.Cli;

/// <summary>
/// Shows control characters as <c>\x1b</c> instead of sending them to a terminal: registry answers, annotations,
/// platform strings, error bodies and fragments come from outside, and an escape sequence among them could rewrite
/// the screen, retitle the window or hide a line. Newlines, tabs and CRLF line ends pass as they are.
/// </summary>
internal static class TerminalText
{
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = IndexOfControl(text, 0);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (IsControl(text, i))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static int IndexOfControl(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (IsControl(text, i))
            {
                return i;
            }
        }

        return -1;
    }

    // C0 (ESC among them), DEL and C1 (U+0080-U+009F, where 0x9b is a one-character CSI on some terminals).
    private static bool IsControl(string text, int index) => text[index] switch
    {
        '\n' or '\t' => false,
        '\r' => index + 1 >= text.Length || text[index + 1] != '\n',
        < ' ' => true,
        >= '\u007f' and <= '\u009f' => true,
        _ => false,
    };
}
