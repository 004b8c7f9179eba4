using Slipway.Configuration;
using Slipway.Diagnostics;

namespace Slipway.Changelog;

/// <summary>
/// The changelog settings in force and the folder their paths are relative to. Looked up as a project switching from
/// towncrier expects: <c>[changelog]</c> in slipway.toml, else towncrier.toml, else <c>[tool.towncrier]</c> in
/// pyproject.toml, in the directory or the nearest parent that has one. <see cref="Config"/> is the slipway.toml
/// found on the way, if any (it says where the version lives).
/// </summary>
public sealed record ChangelogProject(ChangelogSection Settings, string BaseDirectory, SlipwayConfig? Config)
{
    public const string TowncrierFile = "towncrier.toml";
    public const string PyprojectFile = "pyproject.toml";

    /// <summary>
    /// Lists a fragments folder. Entries that sort equal keep this order (towncrier keeps <c>os.listdir</c>'s, which
    /// depends on the file system); tests replay the order a reference rendering saw.
    /// </summary>
    public Func<string, IEnumerable<string>> ListFiles { get; init; } = FragmentScanner.ListEntries;

    public static ChangelogProject Locate(string directory, string? explicitConfig, IEnvironment environment, SecretRedactor redactor)
    {
        if (explicitConfig is not null)
        {
            var name = Path.GetFileName(explicitConfig);
            var folder = Path.GetDirectoryName(explicitConfig)!;
            if (name is TowncrierFile or PyprojectFile)
            {
                return ReadTowncrier(explicitConfig, folder, environment, redactor, required: true, null)!;
            }

            var config = ConfigLoader.Load(explicitConfig, folder, environment, redactor);
            return config.Changelog is not null
                ? new ChangelogProject(config.Changelog, config.RootDirectory, config)
                : FromTowncrierFiles(folder, environment, redactor, config) ?? throw ChangelogErrors.ConfigNotFound(folder);
        }

        for (var current = Path.GetFullPath(directory); current is not null; current = Path.GetDirectoryName(current))
        {
            SlipwayConfig? config = null;
            var slipway = Path.Combine(current, SlipwayConfig.FileName);
            if (File.Exists(slipway))
            {
                config = ConfigLoader.Load(slipway, current, environment, redactor);
                if (config.Changelog is not null)
                {
                    return new ChangelogProject(config.Changelog, current, config);
                }
            }

            var found = FromTowncrierFiles(current, environment, redactor, config);
            if (found is not null)
            {
                return found;
            }

            if (config is not null)
            {
                // slipway.toml marks the project root: a towncrier file further up belongs to another project.
                break;
            }
        }

        throw ChangelogErrors.ConfigNotFound(directory);
    }

    /// <summary>
    /// Whether <see cref="Locate"/> with this slipway.toml finds a changelog configuration: <c>[changelog]</c>,
    /// towncrier.toml, or <c>[tool.towncrier]</c> in pyproject.toml beside it. A pyproject.toml that cannot be read
    /// counts as configured, so the release renders the changelog and reports the error instead of skipping it.
    /// </summary>
    public static bool IsConfigured(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Changelog is not null)
        {
            return true;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(config.Path))!;
        if (File.Exists(Path.Combine(folder, TowncrierFile)))
        {
            return true;
        }

        var pyproject = Path.Combine(folder, PyprojectFile);
        if (!File.Exists(pyproject))
        {
            return false;
        }

        try
        {
            return TomlModel.Read(TomlFile.ReadText(pyproject, PyprojectFile), PyprojectFile) is { } root
                && root.TryGetValue("tool", out var tool) && tool is Tomlyn.Model.TomlTable tools
                && tools.ContainsKey("towncrier");
        }
        catch (Exception e) when (e is Tomlyn.TomlException or SlipwayException or IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static ChangelogProject? FromTowncrierFiles(string folder, IEnvironment environment, SecretRedactor redactor, SlipwayConfig? config)
    {
        var towncrier = Path.Combine(folder, TowncrierFile);
        if (File.Exists(towncrier))
        {
            return ReadTowncrier(towncrier, folder, environment, redactor, required: true, config);
        }

        var pyproject = Path.Combine(folder, PyprojectFile);
        return File.Exists(pyproject) ? ReadTowncrier(pyproject, folder, environment, redactor, required: false, config) : null;
    }

    private static ChangelogProject? ReadTowncrier(string path, string folder, IEnvironment environment, SecretRedactor redactor, bool required, SlipwayConfig? config)
    {
        var root = TomlFile.Load(path, Path.GetFileName(path), environment, redactor);
        var table = root.GetTable("tool")?.GetTable("towncrier");
        if (table is null)
        {
            return required ? throw ChangelogErrors.ConfigNotFound(folder) : null;
        }

        return new ChangelogProject(ChangelogSection.ReadTowncrier(table), folder, config);
    }
}
