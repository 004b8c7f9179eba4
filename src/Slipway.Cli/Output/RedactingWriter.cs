using System.Text;
using Slipway.Diagnostics;

namespace Slipway.Cli;

/// <summary>
/// A line-buffered writer that masks every registered secret before the text reaches its destination, and, for
/// human output, shows control characters escaped (<see cref="TerminalText"/>).
/// </summary>
internal sealed class RedactingWriter(TextWriter inner, SecretRedactor redactor) : TextWriter
{
    private readonly StringBuilder _pending = new();

    /// <summary>
    /// True for human output. Off for <c>--json</c>, whose encoder escapes what JSON must and whose text must stay
    /// exact, and under a live view, which writes its own ANSI sequences and escapes the data it shows itself.
    /// </summary>
    public bool EscapeControls { get; set; } = true;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        _pending.Append(value);
        if (value == '\n')
        {
            Flush();
        }
    }

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        _pending.Append(value);
        if (value.Contains('\n', StringComparison.Ordinal))
        {
            Flush();
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value)
    {
        _pending.Append(value).Append('\n');
        Flush();
    }

    public override void WriteLine() => Write('\n');

    public override void Flush()
    {
        if (_pending.Length > 0)
        {
            var text = redactor.Redact(_pending.ToString());
            inner.Write(EscapeControls ? TerminalText.Escape(text) : text);
            _pending.Clear();
        }

        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }
}
