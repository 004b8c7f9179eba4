using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Slipway.Versioning;

/// <summary>A text with <c>{field}</c> placeholders from <see cref="TemplateFields"/>.</summary>
public sealed class Template
{
    private readonly IReadOnlyList<(bool IsField, string Text)> _segments;

    private Template(string text, IReadOnlyList<(bool IsField, string Text)> segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    public IEnumerable<string> Fields => _segments.Where(s => s.IsField).Select(s => s.Text);

    public bool Uses(string field) => Fields.Contains(field, StringComparer.Ordinal);

    public static bool TryParse(string text, [NotNullWhen(true)] out Template? template, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        template = null;
        var segments = new List<(bool, string)>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '}')
            {
                error = $"has an unmatched '}}' in '{text}'";
                return false;
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var end = text.IndexOf('}', i + 1);
            if (end < 0)
            {
                error = $"has an unclosed '{{' in '{text}'";
                return false;
            }

            var name = text[(i + 1)..end];
            if (!TemplateFields.Names.Contains(name, StringComparer.Ordinal))
            {
                error = $"uses unknown field '{{{name}}}' (known: {string.Join(", ", TemplateFields.Names.Select(n => "{" + n + "}"))})";
                return false;
            }

            if (literal.Length > 0)
            {
                segments.Add((false, literal.ToString()));
                literal.Clear();
            }

            segments.Add((true, name));
            i = end;
        }

        if (literal.Length > 0)
        {
            segments.Add((false, literal.ToString()));
        }

        template = new Template(text, segments);
        error = string.Empty;
        return true;
    }

    public string Render(TemplateFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var builder = new StringBuilder();
        foreach (var (isField, text) in _segments)
        {
            builder.Append(isField ? fields.Get(text) : text);
        }

        return builder.ToString();
    }

    public override string ToString() => Text;
}
