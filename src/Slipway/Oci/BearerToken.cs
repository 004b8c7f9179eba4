namespace Slipway.Oci;

/// <summary>A token from a token server, valid until <see cref="Expires"/> (token.md: <c>expires_in</c>, default 60 s).</summary>
internal sealed record BearerToken(string Value, DateTimeOffset Expires);
