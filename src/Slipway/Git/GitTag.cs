namespace Slipway.Git;

/// <summary>A tag and the commit it names (annotated tags peeled to their commit).</summary>
public sealed record GitTag(string Name, string Commit, bool Annotated);
