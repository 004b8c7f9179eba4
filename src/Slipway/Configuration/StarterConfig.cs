using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Slipway.Configuration;

/// <summary>Writes the commented starter <c>slipway.toml</c> of <c>slipway init</c>, with the version source it finds.</summary>
public static partial class StarterConfig
{
    public static string Render(string directory)
    {
        var name = Regex.Replace(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory))).ToLowerInvariant(), "[^a-z0-9._-]+", "-");
        var (source, comment) = DetectVersionSource(directory);
        return $$"""
            # Slipway release configuration (see the README's command reference).
            # Values of the form "env:NAME" are read from the environment; never write a secret here.

            [project]
            name = "{{name}}"
            # Where the version lives ({{comment}}). Other sources:
            #   { file = "VERSION", pattern = '^(?<version>\S+)$' }
            #   { msbuild = "Directory.Build.props" }   { json = "package.json" }
            #   { toml = "pyproject.toml" }             { git-tag = true }
            version = {{source}}
            # The release tag; it must contain {version}.
            tag = "v{version}"
            # Only commits on this branch (origin/main when a remote exists) are released.
            release-branch = "main"

            """.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    internal static (string Source, string Comment) DetectVersionSource(string directory)
    {
        string? Read(string file)
        {
            var path = Path.Combine(directory, file);
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }

        if (Read("package.json") is { } packageJson && HasJsonVersion(packageJson))
        {
            return ("{ json = \"package.json\" }", "found package.json");
        }

        if (Read("pyproject.toml") is { } pyproject && TomlVersion().IsMatch(pyproject))
        {
            return ("{ toml = \"pyproject.toml\" }", "found pyproject.toml");
        }

        if (Read("Cargo.toml") is { } cargo && TomlVersion().IsMatch(cargo))
        {
            return ("{ toml = \"Cargo.toml\" }", "found Cargo.toml");
        }

        if (Read("Directory.Build.props") is { } props && HasMSBuildVersion(props))
        {
            return ("{ msbuild = \"Directory.Build.props\" }", "found Directory.Build.props");
        }

        if (Read("VERSION") is not null)
        {
            return ("{ file = \"VERSION\", pattern = '^(?<version>\\S+)$' }", "found VERSION");
        }

        foreach (var file in Directory.EnumerateFiles(directory, "__version__.py", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 3 }).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
            return ($"{{ file = \"{relative}\", pattern = '__version__ = \"(?<version>[^\"]+)\"' }}", $"found {relative}");
        }

        return ("{ git-tag = true }", "no version file found: the version is the tag being built");
    }

    private static bool HasJsonVersion(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("version", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool HasMSBuildVersion(string text)
    {
        try
        {
            return XDocument.Parse(text).Descendants().Any(e => e.Name.LocalName is "Version" or "VersionPrefix");
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\s*version\s*=\s*""", RegexOptions.Multiline)]
    private static partial Regex TomlVersion();
}
