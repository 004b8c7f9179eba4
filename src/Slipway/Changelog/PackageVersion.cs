using System.Text.RegularExpressions;
using Slipway.Configuration;
using Slipway.Files;
using Tomlyn;
using Tomlyn.Model;

namespace Slipway.Changelog;

/// <summary>
/// The version towncrier 24.8 finds for its <c>package</c>, read without running Python: the project's metadata
/// (<c>[project] version</c> of pyproject.toml when its name is the package's), else the package's
/// <c>__version__</c> in <c>package_dir/package/__init__.py</c> (or <c>package.py</c>), following
/// <c>from ._version import __version__</c>. A value only code can compute is refused, never guessed.
/// </summary>
public static partial class PackageVersion
{
    public static string Read(ChangelogSection settings, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var package = settings.Package;
        return Metadata(package, baseDirectory) ?? Attribute(package, settings.PackageDir, baseDirectory);
    }

    private static string? Metadata(string package, string baseDirectory)
    {
        var path = Path.Combine(baseDirectory, ChangelogProject.PyprojectFile);
        if (!RepositoryFile.Exists(path))
        {
            return null;
        }

        TomlTable root;
        try
        {
            root = TomlModel.Read(TomlFile.ReadText(path, ChangelogProject.PyprojectFile), ChangelogProject.PyprojectFile);
        }
        catch (TomlException)
        {
            return null;
        }

        return root.TryGetValue("project", out var value) && value is TomlTable project
            && project.TryGetValue("name", out var name) && name is string text && Canonical(text) == Canonical(package)
            && project.TryGetValue("version", out var version) && version is string found && found.Trim().Length > 0
                ? found.Trim()
                : null;
    }

    private static string Attribute(string package, string packageDir, string baseDirectory)
    {
        var module = Path.Combine([packageDir, .. package.Split('.')]);
        var candidates = new[] { Path.Combine(module, "__init__.py"), module + ".py" };
        var file = candidates.FirstOrDefault(f => RepositoryFile.Exists(Path.Combine(baseDirectory, f)))
            ?? throw ChangelogErrors.VersionUnknown(
                $"towncrier's package '{package}' has no {Shown(candidates[0])} or {Shown(candidates[1])} to read __version__ from");
        var text = ReadText(file, baseDirectory);
        if (Assigned(text, "__version__") is { } assigned)
        {
            return Literal(assigned, file);
        }

        // from ._version import __version__  /  from .version import version as __version__
        if (ImportedVersion().Match(text) is { Success: true } import && import.Groups["module"].Value.Length > 0)
        {
            var folder = Path.GetDirectoryName(file)!;
            var imported = Path.Combine(folder, import.Groups["module"].Value.Replace('.', Path.DirectorySeparatorChar) + ".py");
            var name = import.Groups["name"].Value;
            if (!RepositoryFile.Exists(Path.Combine(baseDirectory, imported)))
            {
                throw ChangelogErrors.VersionUnknown($"{Shown(file)} imports __version__ from {Shown(imported)}, which does not exist (is it generated at build time?)");
            }

            if (Assigned(ReadText(imported, baseDirectory), name) is { } value)
            {
                return Literal(value, imported);
            }

            throw ChangelogErrors.VersionUnknown($"{Shown(imported)} sets no '{name}' that Slipway can read without running it");
        }

        throw ChangelogErrors.VersionUnknown($"{Shown(file)} sets no __version__ that Slipway can read without running it");
    }

    private static string ReadText(string file, string baseDirectory) =>
        RepositoryFile.ReadAllText(
            Path.GetFullPath(Path.Combine(baseDirectory, file)),
            Shown(file),
            FileBoundary.Repository(baseDirectory),
            RepositoryFile.DefaultMaxSize,
            () => ChangelogErrors.VersionUnknown($"{Shown(file)} does not exist"));

    // The right-hand side of the last top-level `name = ...` (also `name: str = ...` and `a = name = ...`).
    private static string? Assigned(string text, string name)
    {
        string? value = null;
        foreach (Match match in Assignment().Matches(text))
        {
            var targets = match.Groups["targets"].Value.Split('=').Select(t => t.Split(':')[0].Trim());
            if (targets.Contains(name, StringComparer.Ordinal))
            {
                value = match.Groups["value"].Value.Trim();
            }
        }

        return value;
    }

    // What towncrier makes of the value: a string stripped, a tuple joined with dots; anything else needs Python.
    private static string Literal(string value, string file)
    {
        if (StringLiteral().Match(value) is { Success: true } text)
        {
            return text.Groups["text"].Value.Trim();
        }

        if (TupleLiteral().Match(value) is { Success: true } tuple)
        {
            var parts = tuple.Groups["items"].Value.Split(',').Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
            var shown = parts.Select(p => StringLiteral().Match(p) is { Success: true } s ? s.Groups["text"].Value : IntegerLiteral().IsMatch(p) ? p : null).ToList();
            if (shown.Count > 0 && shown.All(p => p is not null))
            {
                return string.Join('.', shown).Trim();
            }
        }

        throw ChangelogErrors.VersionUnknown($"{Shown(file)} computes __version__ ({value}), and Slipway does not run the project's code");
    }

    private static string Canonical(string name) => NameSeparators().Replace(name, "-").ToLowerInvariant();

    private static string Shown(string path) => path.Replace('\\', '/');

    [GeneratedRegex(@"^(?<targets>(?:[A-Za-z_][A-Za-z0-9_]*\s*(?::\s*[A-Za-z_][A-Za-z0-9_.\[\]]*\s*)?=(?!=)\s*)+)(?<value>[^\r\n#]*)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Assignment();

    [GeneratedRegex("""^[uU]?(?:"(?<text>[^"\\\r\n]*)"|'(?<text>[^'\\\r\n]*)')$""", RegexOptions.CultureInvariant)]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"^\((?<items>[^()]*)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex TupleLiteral();

    [GeneratedRegex(@"^[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerLiteral();

    [GeneratedRegex(@"^from\s+\.(?<module>[A-Za-z0-9_.]*)\s+import\s+(?:.*[\s,(])?(?<name>[A-Za-z_][A-Za-z0-9_]*)\s+as\s+__version__\b|^from\s+\.(?<module>[A-Za-z0-9_.]*)\s+import\s+(?:.*[\s,(])?(?<name>__version__)\b", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ImportedVersion();

    [GeneratedRegex(@"[-_.]+", RegexOptions.CultureInvariant)]
    private static partial Regex NameSeparators();
}
