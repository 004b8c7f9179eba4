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
    /// <summary>Reads the version under the scheme the source implies (<see cref="VersionSchemes.Infer"/>).</summary>
    public static VersionReading Read(VersionSourceSpec spec, string rootDirectory) =>
        Read(spec, rootDirectory, VersionSchemes.Infer(spec).Scheme);

    public static VersionReading Read(VersionSourceSpec spec, string rootDirectory, IVersionScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(scheme);
        var (file, value) = spec switch
        {
            VersionSourceSpec.FilePattern p => ReadPattern(p, rootDirectory),
            VersionSourceSpec.MSBuild m => ReadMSBuild(m.File, rootDirectory),
            VersionSourceSpec.Json j => ReadJson(j.File, rootDirectory),
            VersionSourceSpec.Toml t => ReadToml(t.File, rootDirectory),
            _ => throw new ArgumentException($"{spec.Describe()} is not a file source", nameof(spec)),
        };
        if (!scheme.TryParse(value, out var version, out var reason))
        {
            throw VersionErrors.Refused(scheme, file, value, reason);
        }

        return new VersionReading(version, file);
    }

    // The version file is in the repository, so a pull request may make it a link to anywhere: read it with the same care as a fragment.
    private static string ReadText(string file, string rootDirectory) =>
        RepositoryFile.ReadAllText(
            Path.GetFullPath(Path.Combine(rootDirectory, file)),
            file,
            FileBoundary.Repository(rootDirectory),
            RepositoryFile.DefaultMaxSize,
            () => VersionErrors.FileMissing(file));

    // The raw value and the file it came from; Read parses it under the scheme.
    private static (string File, string Value) Found(string file, string value) => (file, value);

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

    private static (string File, string Value) ReadPattern(VersionSourceSpec.FilePattern spec, string rootDirectory)
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
        List<string> values;
        try
        {
            values = [.. regex.Matches(text)
                .Where(m => m.Groups["version"].Success)
                .Select(m => m.Groups["version"].Value)];
        }
        catch (RegexMatchTimeoutException)
        {
            throw VersionErrors.PatternTooSlow(spec.File, spec.Pattern);
        }

        return Found(spec.File, Single(spec.File, values, $"pattern '{spec.Pattern}' matches nothing"));
    }

    private static (string File, string Value) ReadMSBuild(string file, string rootDirectory)
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
            return Found(file, version);
        }

        var prefix = Literal("VersionPrefix");
        if (prefix.Length == 0)
        {
            throw VersionErrors.NotFound(file, "no <Version> or <VersionPrefix>");
        }

        var suffix = Literal("VersionSuffix");
        return Found(file, suffix.Length > 0 ? $"{prefix}-{suffix}" : prefix);
    }

    private static (string File, string Value) ReadJson(string file, string rootDirectory)
    {
        try
        {
            using var document = JsonDocument.Parse(ReadText(file, rootDirectory));
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("version", out var version))
            {
                return version.ValueKind == JsonValueKind.String
                    ? Found(file, version.GetString()!)
                    : throw VersionErrors.Unreadable(file, "\"version\" is not a string");
            }

            throw VersionErrors.NotFound(file, "no top-level \"version\"");
        }
        catch (JsonException e)
        {
            throw VersionErrors.Unreadable(file, $"not valid JSON: {e.Message}");
        }
    }

    private static (string File, string Value) ReadToml(string file, string rootDirectory)
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
                ? Found(file, text)
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
