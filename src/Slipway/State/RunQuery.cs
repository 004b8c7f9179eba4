namespace Slipway.State;

/// <summary>Which runs to list: of a project, a status and a version when given, <paramref name="Limit"/> after skipping <paramref name="Offset"/>.</summary>
public sealed record RunQuery(string? Project, RunStatus? Status, int Offset, int Limit, string? Version = null);
