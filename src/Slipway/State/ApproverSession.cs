namespace Slipway.State;

/// <summary>A signed-in browser: who, the CSRF token its forms carry, the token it signed in with, until when.</summary>
public sealed record ApproverSession(string Name, string Csrf, string? TokenId, DateTimeOffset CreatedAt, DateTimeOffset Expires);
