namespace Slipway.Configuration;

/// <summary>
/// What <c>slipway init</c> found in a repository: each value it writes to the starter slipway.toml with the reason.
/// <see cref="Changelog"/> is the <c>[changelog]</c> table to write, or null when towncrier's own configuration is
/// read as it is (or there is no fragments folder yet).
/// </summary>
public sealed record StarterPlan(
    StarterGuess Name,
    StarterGuess Version,
    StarterGuess Scheme,
    StarterGuess Tag,
    StarterGuess ReleaseBranch,
    StarterGuess Changelog,
    string? ChangelogTable,
    IReadOnlyList<string> Notes);
