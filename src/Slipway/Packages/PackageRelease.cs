namespace Slipway.Packages;

/// <summary>
/// The release a publisher publishes for: its version, whether it is a prerelease, and whether it is the highest stable
/// release (judged from the remote's release tags, as floating image tags are), which decides npm's <c>latest</c>.
/// </summary>
public sealed record PackageRelease(string Version, bool Prerelease, bool Highest);
