namespace Slipway.Packages.TrustedPublishing;

/// <summary>A registry token minted from an OIDC identity, and when it stops being valid.</summary>
internal sealed record ExchangedToken(string Value, DateTimeOffset ExpiresAt);
