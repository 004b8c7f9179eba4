namespace Slipway.Versioning;

/// <summary>A bump computed in full before anything is written: the versions and one edit per file.</summary>
public sealed record BumpPlan(ProjectVersion Previous, ProjectVersion Next, string Source, IReadOnlyList<VersionEdit> Edits);
