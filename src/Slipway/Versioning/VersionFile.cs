using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Slipway.Configuration;
using Slipway.Files;
using Tomlyn;
using Tomlyn.Model;

namespace Slipway.Versioning;

/// <summary>Reads the version from a file, as <c>[project].version</c> describes it.</summary>
public static class VersionFile
{
    public static VersionReading Read(VersionSourceSpec spec, string rootDirectory)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec switch
        {
            VersionSourceSpec.FilePattern p => ReadPattern(p, rootDirectory),
            VersionSourceSpec.MSBuild m => ReadMSBuild(m.File, rootDirectory),
            VersionSourceSpec.Json j => ReadJson(j.File, rootDirectory),
            VersionSourceSpec.Toml t => ReadToml(t.File, rootDirectory),
            _ => throw new ArgumentException($"{spec.Describe()} is not a file source", nameof(spec)),
        };
    }

    // The version file is in the repository, so a pull request may make it a link to anywhere: read it with the same care as a fragment.
    private static string ReadText(string file, string rootDirectory) =>
        RepositoryFile.ReadAllText(
            Path.GetFullPath(Path.Combine(rootDirectory, file)),
            file,
            FileBoundary.Repository(rootDirectory),
            RepositoryFile.DefaultMaxSize,
            () => VersionErrors.FileMissing(file));

    private static VersionReading Parsed(string file, string value)
    {
        if (!SemanticVersion.TryParse(value, out var version, out var reason))
        {
            throw VersionErrors.NotSemVer(file, value, reason);
        }

        return new VersionReading(version, file);
    }

    private static string Single(string file, IReadOnlyCollection<string> values, string what)
    {
        var distinct = values.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count switch
        {
            0 => throw VersionErrors.NotFound(file, what),
            1 => distinct[0],
            _ => throw VersionErrors.Ambiguous(file, distinct),
        };
    }

    private static VersionReading ReadPattern(VersionSourceSpec.FilePattern spec, string rootDirectory)
    {
        Regex regex;
        try
        {
            regex = new Regex(spec.Pattern, RegexOptions.Multiline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
        }
        catch (ArgumentException e)
        {
            throw VersionErrors.PatternInvalid(spec.Pattern, $"is not a valid regular expression: {e.Message}");
        }

        if (!regex.GetGroupNames().Contains("version"))
        {
            throw VersionErrors.PatternInvalid(spec.Pattern, "has no named group 'version'");
        }

        var text = ReadText(spec.File, rootDirectory);
        var values = regex.Matches(text)
            .Where(m => m.Groups["version"].Success)
            .Select(m => m.Groups["version"].Value)
            .ToList();
        return Parsed(spec.File, Single(spec.File, values, $"pattern '{spec.Pattern}' matches nothing"));
    }

    private static VersionReading ReadMSBuild(string file, string rootDirectory)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(ReadText(file, rootDirectory));
        }
        catch (XmlException e)
        {
            throw VersionErrors.Unreadable(file, $"not valid XML: {e.Message}");
        }

        IReadOnlyList<string> Property(string name) =>
            [.. document.Descendants().Where(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "PropertyGroup").Select(e => e.Value.Trim())];

        string Literal(string name)
        {
            var values = Property(name);
            // $(VersionPrefix) and friends are evaluated by MSBuild; Slipway reads literals only and says so.
            if (values.Any(v => v.Contains("$(", StringComparison.Ordinal)))
            {
                throw VersionErrors.Unreadable(file, $"<{name}> uses an MSBuild property; write it literally or use {{ file, pattern }}");
            }

            return values.Count == 0 ? string.Empty : Single(file, values, $"no <{name}>");
        }

        var version = Literal("Version");
        if (version.Length > 0)
        {
            return Parsed(file, version);
        }

        var prefix = Literal("VersionPrefix");
        if (prefix.Length == 0)
        {
            throw VersionErrors.NotFound(file, "no <Version> or <VersionPrefix>");
        }

        var suffix = Literal("VersionSuffix");
        return Parsed(file, suffix.Length > 0 ? $"{prefix}-{suffix}" : prefix);
    }

    private static VersionReading ReadJson(string file, string rootDirectory)
    {
        try
        {
            using var document = JsonDocument.Parse(ReadText(file, rootDirectory));
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("version", out var version))
            {
                return version.ValueKind == JsonValueKind.String
                    ? Parsed(file, version.GetString()!)
                    : throw VersionErrors.Unreadable(file, "\"version\" is not a string");
            }

            throw VersionErrors.NotFound(file, "no top-level \"version\"");
        }
        catch (JsonException e)
        {
            throw VersionErrors.Unreadable(file, $"not valid JSON: {e.Message}");
        }
    }

    private static VersionReading ReadToml(string file, string rootDirectory)
    {
        TomlTable table;
        try
        {
            table = TomlModel.Read(ReadText(file, rootDirectory), file);
        }
        catch (TomlException e)
        {
            var (at, message) = TomlFile.DescribeSyntaxError(e, file);
            throw VersionErrors.Unreadable(file, $"not valid TOML at {at.Line}:{at.Column}: {message}");
        }

        foreach (var path in new[] { "project", "tool.poetry", "package" })
        {
            if (Lookup(table, path) is not TomlTable section || !section.TryGetValue("version", out var value))
            {
                continue;
            }

            return value is string text
                ? Parsed(file, text)
                : throw VersionErrors.Unreadable(file, $"[{path}].version is not a string");
        }

        if (Lookup(table, "project") is TomlTable project && project.TryGetValue("dynamic", out var dynamic)
            && dynamic is TomlArray array && array.Contains("version"))
        {
            throw VersionErrors.NotFound(file, "[project] declares the version dynamic; use { file, pattern } on the file that holds it");
        }

        throw VersionErrors.NotFound(file, "no [project].version, [tool.poetry].version or [package].version");
    }

    private static object? Lookup(TomlTable table, string dotted)
    {
        object? current = table;
        foreach (var part in dotted.Split('.'))
        {
            if (current is not TomlTable t || !t.TryGetValue(part, out current))
            {
                return null;
            }
        }

        return current;
    }
}
