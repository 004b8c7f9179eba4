namespace Slipway.Pipeline.Outputs;

/// <summary>Whether one release tag moved to this version, and why.</summary>
public sealed record PromotionDecision(string Repository, string Tag, bool Moves, string Reason);
