namespace Slipway.State;

/// <summary>The open run of a (project, version); <see cref="Created"/> when this call started it.</summary>
public sealed record RunStart(RunRecord Run, bool Created);
