namespace Slipway.Signing;

/// <summary>One check of <c>slipway verify</c>: what was checked, whether it holds, and why (or why not).</summary>
public sealed record VerificationCheck(string Name, bool Passed, string Detail, byte[]? Payload = null);
