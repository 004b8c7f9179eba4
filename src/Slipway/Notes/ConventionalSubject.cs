using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Slipway.Notes;

/// <summary>A subject written as a conventional commit: <c>type(scope)!: description</c>.</summary>
public sealed partial record ConventionalSubject(string Type, string? Scope, bool Breaking, string Description)
{
    /// <summary>The sections of a grouped list, in the order they are shown, with their headings.</summary>
    public static IReadOnlyList<(string Type, string Heading)> Sections { get; } =
    [
        ("!", "Breaking changes"),
        ("feat", "Features"),
        ("fix", "Bug fixes"),
        ("perf", "Performance"),
        ("security", "Security"),
        ("refactor", "Refactoring"),
        ("docs", "Documentation"),
        ("test", "Tests"),
        ("build", "Build"),
        ("ci", "Continuous integration"),
        ("chore", "Chores"),
        ("revert", "Reverts"),
        ("style", "Style"),
        ("", "Other changes"),
    ];

    public static bool TryParse(string subject, [NotNullWhen(true)] out ConventionalSubject? parsed)
    {
        ArgumentNullException.ThrowIfNull(subject);
        parsed = null;
        var match = Pattern().Match(subject);
        if (!match.Success)
        {
            return false;
        }

        var type = match.Groups["type"].Value.ToLowerInvariant();
        if (!Sections.Any(s => s.Type == type) && type is not ("features" or "feature" or "bugfix"))
        {
            return false;
        }

        type = type switch
        {
            "features" or "feature" => "feat",
            "bugfix" => "fix",
            _ => type,
        };
        var scope = match.Groups["scope"].Success ? match.Groups["scope"].Value : null;
        parsed = new ConventionalSubject(type, scope, match.Groups["breaking"].Success, match.Groups["description"].Value.Trim());
        return true;
    }

    /// <summary>The section the entry goes to: breaking changes first, whatever their type.</summary>
    public string Section => Breaking ? "!" : Type;

    [GeneratedRegex(@"^(?<type>[A-Za-z]+)(?:\((?<scope>[^()\r\n]+)\))?(?<breaking>!)?: (?<description>\S.*)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
