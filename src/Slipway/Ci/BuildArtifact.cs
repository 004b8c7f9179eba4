namespace Slipway.Ci;

/// <summary>
/// The build output one job hands to the others through actions/upload-artifact: the paths (relative to the
/// repository root) and the folder they are restored under, which is the folder upload-artifact takes them from (the
/// deepest folder common to all the paths: slipway.toml is one of them, so that is the repository root or above the layouts).
/// </summary>
public sealed record BuildArtifact(string Name, IReadOnlyList<string> Paths, string Root);
