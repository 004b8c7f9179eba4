namespace Slipway.Configuration;

/// <summary>The typed <c>slipway.toml</c>. Each section reads and validates its own keys.</summary>
public sealed record SlipwayConfig(string Path, string RootDirectory, ProjectSection Project)
{
    public const string FileName = "slipway.toml";
}
