using System.Diagnostics.CodeAnalysis;

namespace Slipway.Versioning;

/// <summary>
/// How a project writes its versions (<c>[project] version-scheme</c>): which texts are versions, how they order,
/// which are prereleases. Parsing refuses what the scheme's registry would refuse, with the rule that is broken.
/// </summary>
public interface IVersionScheme
{
    /// <summary>The name <c>version-scheme</c> takes: <c>semver</c>, <c>pep440</c>, <c>nuget</c>, <c>calver</c>.</summary>
    string Name { get; }

    /// <summary>How messages name the scheme: "SemVer 2.0", "PEP 440", "CalVer YYYY.MM.MICRO".</summary>
    string Title { get; }

    /// <summary>What a valid version looks like, for the hint under a refusal.</summary>
    string Hint { get; }

    bool TryParse(string? text, [NotNullWhen(true)] out ProjectVersion? version, out string reason);
}
