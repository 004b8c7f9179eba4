namespace Slipway.Forges;

/// <summary>The tracking issue of an unfinished release: its number, where to see it, and whether it was already open (then commented on).</summary>
public sealed record ForgeIssue(long Number, string Location, bool Existing);
