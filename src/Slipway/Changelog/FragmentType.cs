namespace Slipway.Changelog;

/// <summary>
/// A category of news fragment: <paramref name="Key"/> is what fragment names carry (<c>12.bugfix.md</c>),
/// <paramref name="Name"/> the heading it renders under. <paramref name="Check"/> false means a fragment of this type
/// does not satisfy <c>changelog check</c> (towncrier's <c>check</c>).
/// </summary>
public sealed record FragmentType(string Key, string Name, bool ShowContent, bool Check)
{
    /// <summary>towncrier 24.8's types when the configuration names none, in its order.</summary>
    public static IReadOnlyList<FragmentType> Defaults { get; } =
    [
        new("feature", "Features", true, true),
        new("bugfix", "Bugfixes", true, true),
        new("doc", "Improved Documentation", true, true),
        new("removal", "Deprecations and Removals", true, true),
        new("misc", "Misc", false, true),
    ];
}
