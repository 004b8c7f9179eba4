using Slipway.Files;
using Slipway.Oci;
using Slipway.Versioning;

namespace Slipway.Configuration;

/// <summary>
/// One <c>[[image]]</c>: the repository, the OCI layout the build leaves (<c>LAYOUT[:NAME]</c>, relative to the
/// repository root) or one layout per platform (<c>layouts</c>, then <see cref="Layout"/> is null), and the tag
/// templates for the prerelease push and the promotion.
/// </summary>
public sealed record ImageSection(
    ImageReference Repository,
    string? Layout,
    IReadOnlyList<Template> PrereleaseTags,
    IReadOnlyList<Template> ReleaseTags,
    SourceLocation Location)
{
    public static readonly IReadOnlyList<string> DefaultPrereleaseTags = ["prerelease-v{version}-{sha7}", "prerelease"];

    public static readonly IReadOnlyList<string> DefaultReleaseTags = ["{version}", "{major}.{minor}", "latest"];

    /// <summary>One layout per platform, each built on its own (<c>layouts</c>); empty for a single <c>layout</c>.</summary>
    public IReadOnlyList<PlatformLayout> PlatformLayouts { get; init; } = [];

    internal static IReadOnlyList<ImageSection> ReadAll(ConfigTable root, string rootDirectory)
    {
        var images = root.GetTableArray("image").Select(t => Read(t, rootDirectory)).ToList();
        var repeated = images.GroupBy(i => i.Repository).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw ConfigErrors.Invalid(repeated.Last().Location, "image", $"names repository {repeated.Key} twice; list each image once");
        }

        return images;
    }

    private static ImageSection Read(ConfigTable table, string rootDirectory)
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

        var hasLayout = table.Contains("layout");
        var hasLayouts = table.Contains("layouts");
        if (hasLayout == hasLayouts)
        {
            throw hasLayout
                ? table.Invalid("layouts", "cannot be given with 'layout': name one multi-platform layout or one layout per platform")
                : table.MissingOrMisspelt("layout");
        }

        string? layout = null;
        IReadOnlyList<PlatformLayout> platformLayouts = [];
        if (hasLayout)
        {
            layout = table.GetRequiredString("layout");
            if (layout.Length == 0)
            {
                throw table.Invalid("layout", "must not be empty");
            }
        }
        else
        {
            platformLayouts = ReadPlatformLayouts(table, rootDirectory);
        }

        var prerelease = ReadTags(table, "prerelease-tags", DefaultPrereleaseTags);
        var release = ReadTags(table, "release-tags", DefaultReleaseTags);
        table.EnsureNoUnknownKeys();
        return new ImageSection(repository, layout, prerelease, release, table.Location) { PlatformLayouts = platformLayouts };
    }

    /// <summary>
    /// The key a platform is compared by: lowercase, and arm64's default variant v8 dropped, as containerd's platform
    /// matcher treats <c>linux/arm64</c> and <c>linux/arm64/v8</c> as one platform.
    /// </summary>
    public static string PlatformKey(Platform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var os = platform.Os.ToLowerInvariant();
        var architecture = platform.Architecture.ToLowerInvariant();
        var variant = platform.Variant?.ToLowerInvariant();
        return architecture == "arm64" && variant == "v8" ? $"{os}/{architecture}" : new Platform(os, architecture, variant).ToString();
    }

    private static List<PlatformLayout> ReadPlatformLayouts(ConfigTable table, string rootDirectory)
    {
        var layouts = table.GetTable("layouts") ?? throw table.WrongType("layouts", "a table", table.GetRaw("layouts"));
        var keys = layouts.Keys;
        if (keys.Count == 0)
        {
            throw table.Invalid("layouts", "must name at least one platform, as { \"linux/amd64\" = \"out/amd64\" }");
        }

        var boundary = FileBoundary.Repository(rootDirectory);
        var result = new List<PlatformLayout>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!PlatformSpecifier.TryParse(key, out var platform, out var error))
            {
                throw layouts.Invalid(key, $"is not a platform os/arch[/variant] (for example linux/arm64): it {error}");
            }

            var normalised = PlatformKey(platform);
            if (seen.TryGetValue(normalised, out var earlier))
            {
                throw layouts.Invalid(key, $"names platform {normalised} again (as '{earlier}'); give each platform one layout");
            }

            seen[normalised] = key;
            var path = layouts.GetRequiredString(key);
            if (path.Length == 0)
            {
                throw layouts.Invalid(key, "must not be empty");
            }

            var (full, _) = OciLayout.SplitArgument(path, rootDirectory);
            OutputPath.EnsureInside(full, path, $"{layouts.KeyPath(key)} at {layouts.LocationOf(key)}", boundary, FileKind.Directory, FileKind.RegularFile);
            result.Add(new PlatformLayout(normalised, path));
        }

        layouts.EnsureNoUnknownKeys();
        return result;
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
