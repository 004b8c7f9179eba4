using System.Text;

namespace Slipway.Changelog;

/// <summary>
/// Python's <c>textwrap.fill</c> as towncrier calls it for <c>wrap = true</c>: width 79, words never broken, hyphens not
/// break points, whitespace dropped at line ends, and the continuation lines indented.
/// </summary>
internal static class TextWrap
{
    public const int Width = 79;

    public static string Fill(string line, string subsequentIndent)
    {
        var chunks = Chunks(line);
        var lines = new List<string>();
        var next = 0;
        while (next < chunks.Count)
        {
            var indent = lines.Count > 0 ? subsequentIndent : string.Empty;
            var width = Width - PythonText.Length(indent);
            if (lines.Count > 0 && PythonText.IsBlank(chunks[next]))
            {
                next++;
            }

            var current = new List<string>();
            var length = 0;
            while (next < chunks.Count)
            {
                var chunkLength = PythonText.Length(chunks[next]);
                if (length + chunkLength > width)
                {
                    break;
                }

                current.Add(chunks[next++]);
                length += chunkLength;
            }

            // A word longer than the width goes on a line of its own (break_long_words=False).
            if (next < chunks.Count && PythonText.Length(chunks[next]) > width && current.Count == 0)
            {
                current.Add(chunks[next++]);
            }

            if (current.Count > 0 && PythonText.IsBlank(current[^1]))
            {
                current.RemoveAt(current.Count - 1);
            }

            if (current.Count > 0)
            {
                lines.Add(indent + string.Concat(current));
            }
        }

        return string.Join('\n', lines);
    }

    // expand_tabs, then replace_whitespace, then split into runs of ASCII whitespace and runs of the rest.
    private static List<string> Chunks(string line)
    {
        var text = new StringBuilder(line.Length);
        var column = 0;
        foreach (var c in line)
        {
            if (c == '\t')
            {
                var spaces = 8 - (column % 8);
                text.Append(' ', spaces);
                column += spaces;
            }
            else
            {
                text.Append(c is '\n' or '\v' or '\f' or '\r' ? ' ' : c);
                column = c is '\n' or '\r' ? 0 : column + 1;
            }
        }

        var chunks = new List<string>();
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || (text[i] == ' ') != (text[start] == ' '))
            {
                chunks.Add(text.ToString(start, i - start));
                start = i;
            }
        }

        return text.Length == 0 ? [] : chunks;
    }
}
