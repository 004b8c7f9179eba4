using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Slipway.Cli.Web;

/// <summary>An HTML document built as text: every value goes through <c>Text</c> or <c>Attr</c>, which encode it.</summary>
internal sealed class Html
{
    private readonly StringBuilder _text = new(16 * 1024);

    /// <summary>Markup written as is: only literals of the page's own, never data.</summary>
    public Html Raw(string markup)
    {
        _text.Append(markup);
        return this;
    }

    public Html Text(string? value)
    {
        _text.Append(HtmlEncoder.Default.Encode(value ?? string.Empty));
        return this;
    }

    public Html Text(int value)
    {
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary><c> name="value"</c>, encoded.</summary>
    public Html Attr(string name, string? value)
    {
        _text.Append(' ').Append(name).Append("=\"").Append(HtmlEncoder.Default.Encode(value ?? string.Empty)).Append('"');
        return this;
    }

    public Html Element(string tag, string? value, string? cssClass = null)
    {
        _text.Append('<').Append(tag);
        if (cssClass is not null)
        {
            Attr("class", cssClass);
        }

        _text.Append('>');
        Text(value);
        _text.Append("</").Append(tag).Append('>');
        return this;
    }

    public override string ToString() => _text.ToString();
}
