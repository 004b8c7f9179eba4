namespace Slipway.Changelog.Jinja;

/// <summary>What a <c>for</c> or <c>set</c> assigns to: a name, names unpacked from a sequence, or a namespace attribute.</summary>
internal sealed class JinjaTarget
{
    private readonly string[] _names;
    private readonly string? _attribute;
    private readonly bool _unpack;

    private JinjaTarget(string[] names, bool unpack, string? attribute)
    {
        _names = names;
        _unpack = unpack;
        _attribute = attribute;
    }

    public static JinjaTarget Name(string name) => new([name], unpack: false, attribute: null);

    public static JinjaTarget Unpack(string[] names) => new(names, unpack: true, attribute: null);

    public static JinjaTarget Attribute(string space, string attribute) => new([space], unpack: false, attribute);

    public void Assign(JinjaScope scope, object? value)
    {
        if (_attribute is not null)
        {
            if (scope.Lookup(_names[0]) is not JinjaNamespace space)
            {
                throw JinjaException.Runtime("cannot assign attribute on non-namespace object");
            }

            space.Attributes[_attribute] = value;
            return;
        }

        if (!_unpack)
        {
            scope.Set(_names[0], value);
            return;
        }

        var items = JinjaPython.Iterate(value);
        if (items.Count != _names.Length)
        {
            throw JinjaException.Runtime(items.Count > _names.Length
                ? $"too many values to unpack (expected {_names.Length})"
                : $"not enough values to unpack (expected {_names.Length}, got {items.Count})");
        }

        for (var i = 0; i < _names.Length; i++)
        {
            scope.Set(_names[i], items[i]);
        }
    }
}
