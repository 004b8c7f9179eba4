using System.Text.RegularExpressions;
using Slipway.Versioning;

namespace Slipway.Configuration;

/// <summary><c>[project]</c>: the name, where the version lives and its scheme, the tag template and the release
/// branch. <see cref="SchemeOrigin"/> says whether the scheme was configured or inferred from the version source.</summary>
public sealed record ProjectSection(
    string Name,
    VersionSourceSpec Version,
    TagTemplate Tag,
    string ReleaseBranch,
    string Remote,
    IVersionScheme Scheme,
    string SchemeOrigin)
{
    public const string DefaultTag = "v{version}";
    public const string DefaultReleaseBranch = "main";
    public const string DefaultRemote = "origin";

    /// <summary>
    /// <c>allow-literal-secrets = true</c>: accept a password or a PEM key written into slipway.toml itself (a local
    /// experiment); without it such a value is an error, since the file is read by everyone who reads the repository.
    /// </summary>
    public bool AllowLiteralSecrets { get; init; }

    /// <summary><c>sync</c>: more files that hold the version, rewritten by <c>slipway bump</c> and compared by
    /// <c>slipway version --check-sync</c>; each must hold it exactly once.</summary>
    public IReadOnlyList<VersionSourceSpec> Sync { get; init; } = [];

    /// <summary><c>bump</c>: the level each news fragment type asks of <c>slipway bump --from-fragments</c>, over the
    /// defaults (<see cref="DefaultFragmentBumps"/>); a type named nowhere asks for a patch.</summary>
    public IReadOnlyDictionary<string, BumpKind> FragmentBumps { get; init; } = DefaultFragmentBumps;

    public static IReadOnlyDictionary<string, BumpKind> DefaultFragmentBumps { get; } = new Dictionary<string, BumpKind>(StringComparer.Ordinal)
    {
        ["breaking"] = BumpKind.Major,
        ["removal"] = BumpKind.Major,
        ["feature"] = BumpKind.Minor,
    };

    /// <summary>The placeholder of a <c>sync</c> pattern: where the version stands in the line.</summary>
    public const string SyncPlaceholder = "{version}";

    private static readonly string[] SourceKinds = ["file", "msbuild", "json", "toml", "git-tag"];

    internal static ProjectSection Read(ConfigTable? table, ConfigTable root)
    {
        if (table is null)
        {
            throw root.MissingOrMisspelt("project");
        }

        var name = table.GetRequiredString("name");
        var version = ReadVersionSource(table);
        var tagText = table.GetString("tag") ?? DefaultTag;
        if (!TagTemplate.TryParse(tagText, out var tag, out var error))
        {
            throw table.Invalid("tag", error);
        }

        var branch = table.GetString("release-branch") ?? DefaultReleaseBranch;
        if (branch.Length == 0)
        {
            throw table.Invalid("release-branch", "must not be empty");
        }

        var remote = table.GetString("remote") ?? DefaultRemote;
        var (scheme, origin) = ReadScheme(table, version);
        var allowLiteralSecrets = table.GetBoolean("allow-literal-secrets") ?? false;
        var sync = table.GetTableArray("sync").Select(ReadSyncTarget).ToList();
        var bumps = ReadFragmentBumps(table);
        table.EnsureNoUnknownKeys();
        return new ProjectSection(name, version, tag, branch, remote, scheme, origin)
        {
            AllowLiteralSecrets = allowLiteralSecrets,
            Sync = sync,
            FragmentBumps = bumps,
        };
    }

    private static readonly string[] SyncKinds = ["json", "toml", "msbuild", "file"];

    private static VersionSourceSpec ReadSyncTarget(ConfigTable table)
    {
        var kinds = SyncKinds.Where(table.Contains).ToList();
        if (kinds.Count == 0)
        {
            // { yaml = "x" }: the misspelt or unsupported key is the error to name.
            _ = table.GetString("pattern") ?? table.GetString("path");
            table.EnsureNoUnknownKeys();
        }

        if (kinds.Count != 1)
        {
            throw table.Invalid(
                kinds.Count == 0 ? "json" : kinds[1],
                kinds.Count == 0
                    ? "a sync entry names one file: { json = \"package.json\" }, { toml = \"Cargo.toml\" }, { msbuild = \"x.csproj\" } or { file = \"x.py\", pattern = '__version__ = \"{version}\"' }"
                    : $"a sync entry names one file, not {string.Join(" and ", kinds)}");
        }

        var location = table.Location;
        VersionSourceSpec spec = kinds[0] switch
        {
            "json" => new VersionSourceSpec.Json(table.GetRequiredString("json"), location) { KeyPath = KeyPath(table) },
            "toml" => new VersionSourceSpec.Toml(table.GetRequiredString("toml"), location) { KeyPath = KeyPath(table) },
            "msbuild" => new VersionSourceSpec.MSBuild(table.GetRequiredString("msbuild"), location),
            _ => new VersionSourceSpec.FilePattern(table.GetRequiredString("file"), SyncPattern(table), location),
        };
        table.EnsureNoUnknownKeys();
        return spec;
    }

    private static string? KeyPath(ConfigTable table)
    {
        var path = table.GetString("path");
        // An empty key between two dots is a real key: package-lock.json's root package is packages."" (packages..version).
        return path is { Length: 0 }
            ? throw table.Invalid("path", "must be keys separated by '.', for example \"version\" or \"workspace.package.version\"")
            : path;
    }

    // A sync pattern is the line as written, with {version} where the version stands: no regular expression to get wrong.
    private static string SyncPattern(ConfigTable table)
    {
        var pattern = table.GetString("pattern")
            ?? throw table.MissingOrMisspelt("pattern");
        var at = pattern.IndexOf(SyncPlaceholder, StringComparison.Ordinal);
        if (at < 0 || pattern.IndexOf(SyncPlaceholder, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw table.Invalid("pattern", $"must hold {SyncPlaceholder} exactly once, where the version stands (for example __version__ = \"{SyncPlaceholder}\")");
        }

        return Regex.Escape(pattern[..at]) + "(?<version>[0-9A-Za-z][0-9A-Za-z.+!_-]*)" + Regex.Escape(pattern[(at + SyncPlaceholder.Length)..]);
    }

    private static Dictionary<string, BumpKind> ReadFragmentBumps(ConfigTable project)
    {
        var bumps = new Dictionary<string, BumpKind>(DefaultFragmentBumps, StringComparer.Ordinal);
        if (project.GetTable("bump") is not { } table)
        {
            return bumps;
        }

        foreach (var type in table.Keys)
        {
            bumps[type] = table.GetString(type) switch
            {
                "major" => BumpKind.Major,
                "minor" => BumpKind.Minor,
                "patch" => BumpKind.Patch,
                _ => throw table.Invalid(type, "must be \"major\", \"minor\" or \"patch\""),
            };
        }

        return bumps;
    }

    private static (IVersionScheme Scheme, string Origin) ReadScheme(ConfigTable table, VersionSourceSpec version)
    {
        var name = table.GetString("version-scheme");
        var format = table.GetString("calver-format");
        if (format is not null && name != "calver")
        {
            throw table.Invalid("calver-format", "applies only with version-scheme = \"calver\"");
        }

        if (name is null)
        {
            return VersionSchemes.Infer(version);
        }

        if (!VersionSchemes.TryGet(name, format, out var scheme, out var error))
        {
            throw table.Invalid(format is not null && name == "calver" ? "calver-format" : "version-scheme", error);
        }

        return (scheme, "configured");
    }

    private static VersionSourceSpec ReadVersionSource(ConfigTable project)
    {
        if (!project.Contains("version"))
        {
            throw project.MissingOrMisspelt("version");
        }

        var table = project.GetTable("version")!;
        var location = project.LocationOf("version");
        var kinds = SourceKinds.Where(table.Contains).ToList();
        if (kinds.Count != 1)
        {
            throw project.Invalid(
                "version",
                kinds.Count == 0
                    ? "must name one source: { file, pattern }, { msbuild }, { json }, { toml } or { git-tag = true }"
                    : $"names several sources ({string.Join(", ", kinds)}); choose one");
        }

        VersionSourceSpec spec = kinds[0] switch
        {
            "file" => new VersionSourceSpec.FilePattern(table.GetRequiredString("file"), ReadPattern(table), location),
            "msbuild" => new VersionSourceSpec.MSBuild(table.GetRequiredString("msbuild"), location),
            "json" => new VersionSourceSpec.Json(table.GetRequiredString("json"), location),
            "toml" => new VersionSourceSpec.Toml(table.GetRequiredString("toml"), location),
            _ => table.GetBoolean("git-tag") == true
                ? new VersionSourceSpec.GitTag(location)
                : throw table.Invalid("git-tag", "must be true when it is the version source"),
        };
        table.EnsureNoUnknownKeys();
        return spec;
    }

    private static string ReadPattern(ConfigTable table)
    {
        var pattern = table.GetString("pattern")
            ?? throw table.Invalid("file", "needs a 'pattern' with a named group (?<version>...)");
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.Multiline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
        }
        catch (ArgumentException exception)
        {
            throw table.Invalid("pattern", $"is not a valid regular expression: {exception.Message}");
        }

        if (!regex.GetGroupNames().Contains("version"))
        {
            throw table.Invalid("pattern", "has no named group 'version': write (?<version>...) around the version");
        }

        return pattern;
    }
}
