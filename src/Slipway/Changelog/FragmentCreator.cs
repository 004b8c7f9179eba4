using System.Security.Cryptography;
using System.Text;
using Slipway.Configuration;

namespace Slipway.Changelog;

/// <summary>
/// <c>changelog create</c>: writes a new fragment as towncrier's <c>create</c> does (extension from the news file, a
/// random slug for a bare orphan <c>+.CATEGORY</c>, a final newline), but never overwrites: when the name or the
/// fragment it stands for (<c>045.bugfix</c> is <c>45.bugfix</c>) is taken, it adds a counter.
/// </summary>
public static class FragmentCreator
{
    public const string DefaultContent = "Add your info here";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static string Create(ChangelogProject project, string name, string? content, string? sectionName)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(name);
        var settings = project.Settings;
        var section = ChooseSection(settings, sectionName);
        var types = settings.Types.Select(t => t.Key).ToList();
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
        {
            throw ChangelogErrors.CreateNameInvalid(name, "give a file name, not a path", types);
        }

        if (settings.OrphanPrefix.Length > 0 && name.StartsWith(settings.OrphanPrefix + ".", StringComparison.Ordinal))
        {
            name = $"{settings.OrphanPrefix}{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}{name[settings.OrphanPrefix.Length..]}";
        }

        var parts = name.Split('.');
        if (parts.Length < 2 || (!types.Contains(parts[^1]) && !types.Contains(parts[^2])))
        {
            throw ChangelogErrors.CreateNameInvalid(name, "it does not end in .CATEGORY or .CATEGORY.EXT", types);
        }

        var extension = string.Empty;
        if (settings.CreateAddExtension && Path.GetExtension(settings.Filename).ToLowerInvariant() is ".md" or ".rst")
        {
            extension = Path.GetExtension(settings.Filename);
        }

        if (types.Contains(parts[^1]))
        {
            name += extension;
        }

        if (!FragmentName.TryParse(name, types, out var parsed, out var problem))
        {
            throw ChangelogErrors.CreateNameInvalid(name, problem!.Reason, types);
        }

        var directory = FragmentScanner.SectionDirectory(settings, project.BaseDirectory, section.Path);
        Directory.CreateDirectory(directory);
        var taken = ExistingKeys(directory, types);
        var (stem, suffix) = types.Contains(name.Split('.')[^1]) ? (name, string.Empty) : (Path.GetFileNameWithoutExtension(name), Path.GetExtension(name));
        var candidate = name;
        var key = (parsed.Issue, parsed.Category, parsed.Counter);
        for (var retry = 1; File.Exists(Path.Combine(directory, candidate)) || (parsed.Issue.Length > 0 && taken.Contains(key)); retry++)
        {
            candidate = $"{stem}.{retry}{suffix}";
            key = (parsed.Issue, parsed.Category, retry);
        }

        var text = content ?? DefaultContent;
        if (settings.CreateEofNewline && text.Length > 0 && !text.EndsWith('\n'))
        {
            text += "\n";
        }

        var path = Path.Combine(directory, candidate);
        File.WriteAllText(path, text, Utf8);
        return path;
    }

    private static NewsSection ChooseSection(ChangelogSection settings, string? name)
    {
        if (name is not null)
        {
            return settings.Sections.FirstOrDefault(s => s.Name == name)
                ?? throw ChangelogErrors.SectionUnknown(name, settings.Sections.Select(s => s.Name));
        }

        // towncrier's default: the only section, else the first without a path, else the first.
        return settings.Sections.FirstOrDefault(s => s.Path.Length == 0) ?? settings.Sections[0];
    }

    private static HashSet<(string, string, int)> ExistingKeys(string directory, IReadOnlyCollection<string> types)
    {
        var keys = new HashSet<(string, string, int)>();
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            if (FragmentName.TryParse(Path.GetFileName(file), types, out var existing, out _))
            {
                keys.Add((existing.Issue, existing.Category, existing.Counter));
            }
        }

        return keys;
    }
}
