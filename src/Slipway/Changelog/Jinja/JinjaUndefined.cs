namespace Slipway.Changelog.Jinja;

/// <summary>
/// Jinja2's default <c>Undefined</c>: prints as nothing, is false, iterates as empty, has length 0, equals only
/// another undefined; anything else (an attribute, an item, a call, arithmetic, ordering) raises.
/// </summary>
internal sealed class JinjaUndefined
{
    public JinjaUndefined(string description) => Description = description;

    /// <summary>What is undefined, as Jinja words it: <c>'x' is undefined</c>, <c>'dict object' has no attribute 'y'</c>.</summary>
    public string Description { get; }

    public JinjaException Fail() => new(JinjaFailure.Undefined, Description);

    public static JinjaUndefined Name(string name) => new($"'{name}' is undefined");
}
