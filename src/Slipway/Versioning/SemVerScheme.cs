using System.Diagnostics.CodeAnalysis;

namespace Slipway.Versioning;

/// <summary>SemVer 2.0.0, strictly: npm, Cargo and the default.</summary>
public sealed class SemVerScheme : IVersionScheme
{
    public static SemVerScheme Instance { get; } = new();

    private SemVerScheme()
    {
    }

    public string Name => "semver";

    public string Title => "SemVer 2.0";

    public string Hint => "write MAJOR.MINOR.PATCH, optionally -PRERELEASE and +BUILD, for example 1.2.3 or 2.0.0-rc.1";

    public bool TryParse(string? text, [NotNullWhen(true)] out ProjectVersion? version, out string reason)
    {
        var parsed = SemanticVersion.TryParse(text, out var semantic, out reason);
        version = semantic;
        return parsed;
    }
}
