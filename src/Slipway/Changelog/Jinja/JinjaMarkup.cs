namespace Slipway.Changelog.Jinja;

/// <summary>markupsafe's <c>Markup</c>: text already escaped; <c>+</c> with plain text escapes the plain side.</summary>
internal sealed record JinjaMarkup(string Text)
{
    public override string ToString() => Text;
}
