namespace Slipway.Git;

/// <summary>What a remote advertises: its tags (peeled) and its branch heads.</summary>
public sealed record RemoteRefs(IReadOnlyList<GitTag> Tags, IReadOnlyDictionary<string, string> Branches);
