namespace Slipway.State;

/// <summary>The open run of a (project, version) now owned by the caller; <see cref="Created"/> when the claim started it.</summary>
public sealed record RunClaim(RunRecord Run, bool Created);
