namespace Slipway.Pipeline.Images;

/// <summary>Whether a release tag moves to this version, and why (shown by the run and in <c>slipway plan</c>).</summary>
public sealed record TagDecision(bool Moves, string Reason);
