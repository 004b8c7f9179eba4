namespace Slipway.Changelog;

/// <summary>Renders the body of one release, as towncrier's template would before the title and wrapping are applied.</summary>
public interface IReleaseTemplate
{
    /// <summary>Markdown templates get a bare title line; the others get the title underlined.</summary>
    bool IsMarkdown { get; }

    string Render(ReleaseModel model);
}
