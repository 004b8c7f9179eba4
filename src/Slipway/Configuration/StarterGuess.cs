namespace Slipway.Configuration;

/// <summary>One value <c>slipway init</c> chose, as TOML, and why (shown to the user).</summary>
public sealed record StarterGuess(string Value, string Reason);
