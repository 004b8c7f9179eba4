namespace Slipway.Forges;

/// <summary>A public release: its tag, the commit it names, and where to see it.</summary>
public sealed record ForgeRelease(string Tag, string Commit, string Location);
