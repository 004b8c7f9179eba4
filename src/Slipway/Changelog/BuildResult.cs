namespace Slipway.Changelog;

/// <summary>What <c>changelog build</c> did: the news file, how many fragments went into it, and whether it was written.</summary>
public sealed record BuildResult(string NewsFile, int Fragments, bool Written);
