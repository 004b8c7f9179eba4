namespace Slipway.Changelog;

/// <summary>
/// The text of one release (<see cref="Content"/>) and its title line when <c>title_format</c> made one (used to
/// notice a release already written to the news file).
/// </summary>
public sealed record RenderedRelease(string Content, string TopLine)
{
    /// <summary>What <c>draft</c> prints: the release and one newline, as <c>towncrier build --draft</c> echoes it.</summary>
    public string Draft => Content + "\n";
}
