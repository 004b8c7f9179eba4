namespace Slipway.Pipeline.Outputs;

/// <summary>A prerelease tag cleanup-prerelease removed.</summary>
public sealed record UntaggedImage(string Repository, string Tag);
