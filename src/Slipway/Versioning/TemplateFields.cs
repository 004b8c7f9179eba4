namespace Slipway.Versioning;

/// <summary>The values every template may use: <c>{version}</c>, <c>{major}</c>, <c>{minor}</c>, <c>{patch}</c>,
/// <c>{prerelease}</c>, <c>{sha}</c>, <c>{sha7}</c>.</summary>
public sealed record TemplateFields(ProjectVersion Version, string Commit)
{
    public static IReadOnlyList<string> Names { get; } = ["version", "major", "minor", "patch", "prerelease", "sha", "sha7"];

    public string Get(string name) => name switch
    {
        "version" => Version.ToString(),
        "major" => Version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "minor" => Version.Minor.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "patch" => Version.Patch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "prerelease" => Version.Prerelease,
        "sha" => Commit,
        "sha7" => Commit.Length >= 7 ? Commit[..7] : Commit,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown template field"),
    };
}
