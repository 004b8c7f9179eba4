using System.Text;

namespace Slipway.Ci;

/// <summary>Lines of YAML at two spaces per level, with '\n' line ends whatever the platform, so the bytes never vary.</summary>
internal sealed class YamlBuilder
{
    private readonly StringBuilder _text = new();

    public void Line(int indent, string text) => _text.Append(' ', indent * 2).Append(text).Append('\n');

    public override string ToString() => _text.ToString();
}
