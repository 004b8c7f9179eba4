namespace Slipway.Configuration;

/// <summary>Where <c>[project].version</c> says the version lives.</summary>
public abstract record VersionSourceSpec(SourceLocation Location)
{
    /// <summary>A file and a regular expression with a named group <c>version</c>.</summary>
    public sealed record FilePattern(string File, string Pattern, SourceLocation Location) : VersionSourceSpec(Location)
    {
        public override string Describe() => $"{File} (pattern)";
    }

    /// <summary>An MSBuild file: <c>&lt;Version&gt;</c>, or <c>&lt;VersionPrefix&gt;</c> and <c>&lt;VersionSuffix&gt;</c>.</summary>
    public sealed record MSBuild(string File, SourceLocation Location) : VersionSourceSpec(Location)
    {
        public override string Describe() => $"{File} (msbuild)";
    }

    /// <summary>A JSON file's top-level <c>version</c> (package.json), or the string at <see cref="KeyPath"/>.</summary>
    public sealed record Json(string File, SourceLocation Location) : VersionSourceSpec(Location)
    {
        /// <summary>Dot-separated keys from the top-level object (<c>version</c> when null).</summary>
        public string? KeyPath { get; init; }

        public override string Describe() => KeyPath is null ? $"{File} (json)" : $"{File} (json {KeyPath})";
    }

    /// <summary>pyproject.toml (<c>[project]</c> or <c>[tool.poetry]</c>) or Cargo.toml (<c>[package]</c>), or the
    /// string at <see cref="KeyPath"/>.</summary>
    public sealed record Toml(string File, SourceLocation Location) : VersionSourceSpec(Location)
    {
        /// <summary>Dot-separated keys ending in the version's key (<c>workspace.package.version</c>); null reads
        /// <c>[project]</c>, <c>[tool.poetry]</c> or <c>[package]</c> <c>version</c>.</summary>
        public string? KeyPath { get; init; }

        public override string Describe() => KeyPath is null ? $"{File} (toml)" : $"{File} (toml {KeyPath})";
    }

    /// <summary>The version is the tag at HEAD that matches the tag template.</summary>
    public sealed record GitTag(SourceLocation Location) : VersionSourceSpec(Location)
    {
        public override string Describe() => "git tag at HEAD";
    }

    public abstract string Describe();

}
