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
        table.EnsureNoUnknownKeys();
        return new ProjectSection(name, version, tag, branch, remote, scheme, origin) { AllowLiteralSecrets = allowLiteralSecrets };
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
