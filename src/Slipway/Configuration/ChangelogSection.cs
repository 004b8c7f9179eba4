using Slipway.Changelog;
using Slipway.Files;

namespace Slipway.Configuration;

/// <summary>
/// <c>[changelog]</c> of slipway.toml, or towncrier's own <c>[tool.towncrier]</c> (towncrier.toml, pyproject.toml): the
/// same keys, spelt as towncrier 24.8 spells them, with its defaults. Slipway adds the <c>check_*</c> keys that tune
/// <c>changelog check --base</c>.
/// </summary>
public sealed record ChangelogSection
{
    public const string DefaultTemplate = "towncrier:default";

    /// <summary>The file these settings came from, as shown in messages.</summary>
    public required string Origin { get; init; }

    /// <summary>The fragments folder, relative to the configuration's folder; null means <c>package_dir/package/newsfragments</c>.</summary>
    public string? Directory { get; init; }

    public string Filename { get; init; } = "NEWS.rst";

    public bool SingleFile { get; init; } = true;

    public string Name { get; init; } = string.Empty;

    public string Package { get; init; } = string.Empty;

    public string PackageDir { get; init; } = ".";

    public string? Version { get; init; }

    /// <summary>Null when the configuration says <c>title_format = false</c>; empty means the template renders the title.</summary>
    public string? TitleFormat { get; init; } = string.Empty;

    public string? IssueFormat { get; init; }

    public IReadOnlyList<string> Underlines { get; init; } = ["=", "-", "~"];

    public required string StartString { get; init; }

    public string OrphanPrefix { get; init; } = "+";

    public bool AllBullets { get; init; } = true;

    public bool Wrap { get; init; }

    public string IssuePattern { get; init; } = string.Empty;

    public IReadOnlyList<string>? Ignore { get; init; }

    public string Template { get; init; } = DefaultTemplate;

    public required IReadOnlyList<FragmentType> Types { get; init; }

    public required IReadOnlyList<NewsSection> Sections { get; init; }

    public bool CreateEofNewline { get; init; } = true;

    public bool CreateAddExtension { get; init; } = true;

    /// <summary><c>check --base</c> asks for a fragment when the change adds at least this many source lines.</summary>
    public int CheckMinLines { get; init; } = 20;

    public IReadOnlyList<string> CheckInclude { get; init; } = ["**"];

    /// <summary><c>max_file_size</c>: the most bytes read from one fragment or the template; larger is an error.</summary>
    public int MaxFileSize { get; init; } = RepositoryFile.DefaultMaxSize;

    public IReadOnlyList<string> CheckExclude { get; init; } = DefaultCheckExclude;

    public static IReadOnlyList<string> DefaultCheckExclude { get; } =
    [
        "test/**", "tests/**", "**/test/**", "**/tests/**", "**/*Tests/**", "**/*.Tests/**", "**/*_test.*", "**/test_*",
        "**/*.test.*", "**/*.spec.*", "doc/**", "docs/**", "**/*.md", "**/*.rst", "**/*.txt",
        "**/*.lock", "**/packages.lock.json", "**/package-lock.json", "**/*.g.cs", "**/*.Designer.cs", "**/generated/**",
    ];

    public bool IsMarkdown => Filename.EndsWith(".md", StringComparison.Ordinal);

    /// <summary>Reads slipway.toml's <c>[changelog]</c>; null when the section is absent.</summary>
    public static ChangelogSection? Read(ConfigTable? table) => table is null ? null : ReadTowncrier(table);

    /// <summary>Reads a towncrier table (<c>[changelog]</c> or <c>[tool.towncrier]</c>) and rejects unknown keys.</summary>
    public static ChangelogSection ReadTowncrier(ConfigTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var filename = table.GetString("filename") ?? "NEWS.rst";
        var markdown = filename.EndsWith(".md", StringComparison.Ordinal);
        var startString = table.GetString("start_string");
        var section = new ChangelogSection
        {
            Origin = table.File,
            Directory = table.GetString("directory"),
            Filename = filename,
            SingleFile = table.GetBoolean("single_file") ?? true,
            Name = table.GetString("name") ?? string.Empty,
            Package = table.GetString("package") ?? string.Empty,
            PackageDir = table.GetString("package_dir") ?? ".",
            Version = table.GetString("version"),
            TitleFormat = ReadTitleFormat(table),
            IssueFormat = table.GetString("issue_format"),
            Underlines = table.GetStringArray("underlines") ?? ["=", "-", "~"],
            StartString = string.IsNullOrEmpty(startString)
                ? markdown ? "<!-- towncrier release notes start -->\n" : ".. towncrier release notes start\n"
                : startString,
            OrphanPrefix = table.GetString("orphan_prefix") ?? "+",
            AllBullets = table.GetBoolean("all_bullets") ?? true,
            Wrap = table.GetBoolean("wrap") ?? false,
            IssuePattern = table.GetString("issue_pattern") ?? string.Empty,
            Ignore = table.GetStringArray("ignore"),
            Template = table.GetString("template") ?? DefaultTemplate,
            Types = ReadTypes(table),
            Sections = ReadSections(table),
            CreateEofNewline = table.GetBoolean("create_eof_newline") ?? true,
            CreateAddExtension = table.GetBoolean("create_add_extension") ?? true,
            CheckMinLines = ReadMinLines(table),
            CheckInclude = table.GetStringArray("check_include") ?? ["**"],
            CheckExclude = table.GetStringArray("check_exclude") ?? DefaultCheckExclude,
            MaxFileSize = ReadMaxFileSize(table),
        };
        if (section.Underlines.Count < 2)
        {
            throw table.Invalid("underlines", "needs at least two underline characters (the release title, then each category)");
        }

        if (section.IssuePattern.Length > 0)
        {
            try
            {
                _ = new System.Text.RegularExpressions.Regex(section.IssuePattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw table.Invalid("issue_pattern", $"is not a valid regular expression: {e.Message}");
            }
        }

        table.EnsureNoUnknownKeys();
        return section;
    }

    private static string? ReadTitleFormat(ConfigTable table) =>
        table.GetRaw("title_format") switch
        {
            null => string.Empty,
            false => null,
            string text => text,
            var other => throw table.WrongType("title_format", "a string or false", other),
        };

    private static int ReadMaxFileSize(ConfigTable table)
    {
        const long Largest = 1024L * 1024 * 1024;
        var value = table.GetInteger("max_file_size") ?? RepositoryFile.DefaultMaxSize;
        return value is < 1 or > Largest
            ? throw table.Invalid("max_file_size", $"must be a number of bytes from 1 to {Largest} (1 GiB)")
            : (int)value;
    }

    private static int ReadMinLines(ConfigTable table)
    {
        var value = table.GetInteger("check_min_lines") ?? 20;
        return value is < 1 or > int.MaxValue
            ? throw table.Invalid("check_min_lines", "must be a positive number of lines")
            : (int)value;
    }

    private static IReadOnlyList<FragmentType> ReadTypes(ConfigTable table)
    {
        var hasTable = table.Contains("fragment");
        var hasArray = table.Contains("type");
        if (hasTable && hasArray)
        {
            throw table.Invalid("fragment", "and 'type' both define fragment types; keep one of them");
        }

        if (hasTable)
        {
            var fragments = table.GetTable("fragment")!;
            var keys = fragments.Keys.ToList();
            // towncrier sorts the table form by key (Python's code-point order).
            keys.Sort(StringComparer.Ordinal);
            var types = new List<FragmentType>(keys.Count);
            foreach (var key in keys)
            {
                var options = fragments.GetTable(key) ?? throw fragments.WrongType(key, "a table", null);
                types.Add(new FragmentType(
                    key,
                    options.GetString("name") ?? Capitalize(key),
                    options.GetBoolean("showcontent") ?? true,
                    options.GetBoolean("check") ?? true));
                options.EnsureNoUnknownKeys();
            }

            return types;
        }

        if (hasArray)
        {
            var types = new List<FragmentType>();
            foreach (var entry in table.GetTableArray("type"))
            {
                types.Add(new FragmentType(
                    entry.GetRequiredString("directory"),
                    entry.GetRequiredString("name"),
                    entry.GetBoolean("showcontent") ?? throw entry.MissingOrMisspelt("showcontent"),
                    entry.GetBoolean("check") ?? true));
                entry.EnsureNoUnknownKeys();
            }

            return types;
        }

        return FragmentType.Defaults;
    }

    private static List<NewsSection> ReadSections(ConfigTable table)
    {
        if (!table.Contains("section"))
        {
            return [new NewsSection(string.Empty, string.Empty)];
        }

        var sections = new List<NewsSection>();
        foreach (var entry in table.GetTableArray("section"))
        {
            var name = entry.GetString("name") ?? string.Empty;
            var path = entry.GetRequiredString("path");
            entry.EnsureNoUnknownKeys();
            // A repeated name keeps its first position and the last path, as a Python dict does.
            var index = sections.FindIndex(s => s.Name == name);
            if (index >= 0)
            {
                sections[index] = new NewsSection(name, path);
            }
            else
            {
                sections.Add(new NewsSection(name, path));
            }
        }

        return sections;
    }

    // Python's str.capitalize: first character upper case, the rest lower case.
    private static string Capitalize(string key) =>
        key.Length == 0 ? key : string.Concat(key[..1].ToUpperInvariant(), key[1..].ToLowerInvariant());
}
