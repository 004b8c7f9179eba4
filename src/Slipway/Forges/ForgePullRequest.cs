namespace Slipway.Forges;

/// <summary>An open pull request: its number, where to see it, and whether it was already open (then updated, not duplicated).</summary>
public sealed record ForgePullRequest(long Number, string Location, bool Existing);
