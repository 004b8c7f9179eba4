using System.Diagnostics.CodeAnalysis;

namespace Slipway.Versioning;

/// <summary>
/// The release tag template (<c>v{version}</c>). It must contain <c>{version}</c>, may add literal text around it,
/// and matches existing tags back to their versions.
/// </summary>
public sealed class TagTemplate
{
    private readonly Template _template;
    private readonly string _prefix;
    private readonly string _suffix;

    private TagTemplate(Template template, string prefix, string suffix)
    {
        _template = template;
        _prefix = prefix;
        _suffix = suffix;
    }

    public string Text => _template.Text;

    public static bool TryParse(string text, [NotNullWhen(true)] out TagTemplate? tag, out string error)
    {
        tag = null;
        if (!Template.TryParse(text, out var template, out error))
        {
            return false;
        }

        var fields = template.Fields.ToList();
        if (!fields.Contains("version"))
        {
            error = $"must contain {{version}} (it is '{text}')";
            return false;
        }

        if (fields.Count != 1)
        {
            // A tag names a version; a commit hash in it would make every build a new release.
            error = $"may use only {{version}} (it is '{text}')";
            return false;
        }

        var at = text.IndexOf("{version}", StringComparison.Ordinal);
        tag = new TagTemplate(template, text[..at], text[(at + "{version}".Length)..]);
        return true;
    }

    public string Render(ProjectVersion version) => _prefix + version + _suffix;

    /// <summary>The version a tag names under the scheme, or null when the tag does not match this template.</summary>
    public ProjectVersion? Match(string tag, IVersionScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(tag);
        if (tag.Length <= _prefix.Length + _suffix.Length
            || !tag.StartsWith(_prefix, StringComparison.Ordinal)
            || !tag.EndsWith(_suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var text = tag[_prefix.Length..^_suffix.Length];
        return scheme.TryParse(text, out var version, out _) ? version : null;
    }

    public override string ToString() => Text;
}
