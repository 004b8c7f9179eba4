namespace Slipway.State;

/// <summary>A personal access token as the journal holds it: never the secret, only who it names and until when.</summary>
public sealed record ApproverToken(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset Expires, DateTimeOffset? RevokedAt);
