using Slipway.Oci;
using Slipway.Versioning;

namespace Slipway.Configuration;

/// <summary>
/// One <c>[[image]]</c>: the repository, the OCI layout the build leaves (<c>LAYOUT[:NAME]</c>, relative to the
/// repository root) or one layout per platform (<c>layouts = { "linux/amd64" = "out/amd64" }</c>, each built on its
/// own machine), and the tag templates for the prerelease push and the promotion.
/// </summary>
public sealed record ImageSection(
    ImageReference Repository,
    string Layout,
    IReadOnlyList<Template> PrereleaseTags,
    IReadOnlyList<Template> ReleaseTags,
    SourceLocation Location)
{
    /// <summary><c>layouts</c>: one layout per platform, in the order written; empty for a single <c>layout</c> (then <see cref="Layout"/> is set).</summary>
    public IReadOnlyList<PlatformLayout> PlatformLayouts { get; init; } = [];

    public static readonly IReadOnlyList<string> DefaultPrereleaseTags = ["prerelease-v{version}-{sha7}", "prerelease"];

    public static readonly IReadOnlyList<string> DefaultReleaseTags = ["{version}", "{major}.{minor}", "latest"];

    internal static IReadOnlyList<ImageSection> ReadAll(ConfigTable root)
    {
        var images = root.GetTableArray("image").Select(Read).ToList();
        var repeated = images.GroupBy(i => i.Repository).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw ConfigErrors.Invalid(repeated.Last().Location, "image", $"names repository {repeated.Key} twice; list each image once");
        }

        return images;
    }

    private static ImageSection Read(ConfigTable table)
    {
        var repositoryText = table.GetRequiredString("repository");
        if (!ImageReference.TryParse(repositoryText, out var repository, out var error))
        {
            throw table.Invalid("repository", $"is not an image repository: it {error}");
        }

        if (repository.Tag is not null || repository.Digest is not null)
        {
            throw table.Invalid("repository", "names a repository only, without :tag or @digest (tags come from prerelease-tags and release-tags)");
        }

        var layouts = ReadPlatformLayouts(table);
        var layout = layouts.Count > 0 ? string.Empty : table.GetRequiredString("layout");
        if (layouts.Count == 0 && layout.Length == 0)
        {
            throw table.Invalid("layout", "must not be empty");
        }

        var prerelease = ReadTags(table, "prerelease-tags", DefaultPrereleaseTags);
        var release = ReadTags(table, "release-tags", DefaultReleaseTags);
        table.EnsureNoUnknownKeys();
        return new ImageSection(repository, layout, prerelease, release, table.Location) { PlatformLayouts = layouts };
    }

    private static List<PlatformLayout> ReadPlatformLayouts(ConfigTable table)
    {
        var layouts = new List<PlatformLayout>();
        if (table.GetTable("layouts") is not { } entries)
        {
            return layouts;
        }

        if (table.Contains("layout"))
        {
            throw table.Invalid("layouts", "and 'layout' are both set; write one multi-platform 'layout' or one layout per platform in 'layouts'");
        }

        foreach (var platform in entries.Keys)
        {
            if (!PlatformSpecifier.TryParse(platform, out var parsed, out var error))
            {
                throw entries.Invalid(platform, $"names platform '{platform}', which {error}");
            }

            var text = parsed.ToString();
            if (layouts.Any(l => l.Platform == text))
            {
                throw entries.Invalid(platform, $"names platform {text} twice");
            }

            var path = entries.GetRequiredString(platform);
            if (path.Length == 0)
            {
                throw entries.Invalid(platform, "must not be empty");
            }

            layouts.Add(new PlatformLayout(text, path));
        }

        if (layouts.Count == 0)
        {
            throw table.Invalid("layouts", "must name at least one platform");
        }

        return layouts;
    }

    private static List<Template> ReadTags(ConfigTable table, string key, IReadOnlyList<string> defaults)
    {
        var texts = table.GetStringArray(key) ?? defaults;
        if (texts.Count == 0)
        {
            throw table.Invalid(key, "must name at least one tag");
        }

        var templates = new List<Template>();
        foreach (var text in texts)
        {
            if (!Template.TryParse(text, out var template, out var error))
            {
                throw table.Invalid(key, error);
            }

            // Fields render to tag-safe text (a '+' of build metadata is replaced when rendering); literals must be tag-safe already.
            var literal = string.Concat(text.Split('{', '}').Where((_, i) => i % 2 == 0));
            if (literal.Length > 0 && !ImageReference.IsValidTag("x" + literal))
            {
                throw table.Invalid(key, $"'{text}' would not render to a valid tag (letters, digits, '_', '.', '-')");
            }

            templates.Add(template);
        }

        return templates;
    }

    /// <summary>
    /// Renders tag templates for a version. SemVer build metadata's '+' is not allowed in a tag; it becomes '-', as
    /// docker/metadata-action does.
    /// </summary>
    public static IReadOnlyList<string> RenderTags(IEnumerable<Template> templates, TemplateFields fields)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var tags = templates.Select(t => t.Render(fields).Replace('+', '-')).Distinct(StringComparer.Ordinal).ToList();
        foreach (var tag in tags)
        {
            if (!ImageReference.IsValidTag(tag))
            {
                throw OciErrors.InvalidTag(tag);
            }
        }

        return tags;
    }
}
