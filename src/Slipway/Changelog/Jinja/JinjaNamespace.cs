namespace Slipway.Changelog.Jinja;

/// <summary>Jinja2's <c>namespace(...)</c>: the one object whose attributes <c>{% set ns.x = ... %}</c> may assign, so a loop can carry state out.</summary>
internal sealed class JinjaNamespace
{
    public Dictionary<string, object?> Attributes { get; } = new(StringComparer.Ordinal);
}
