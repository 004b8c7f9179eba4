namespace Slipway.Signing;

/// <summary>
/// What Slipway knows about a build, and nothing more: the provenance claims only these. Optional facts left null are
/// omitted, never guessed.
/// </summary>
public sealed record ProvenanceFacts(
    string BuilderId,
    string Repository,
    string Commit,
    string Version,
    string RunId,
    int Attempt,
    DateTimeOffset StartedOn,
    DateTimeOffset? FinishedOn = null,
    string? Ref = null,
    string? ConfigurationDigest = null);
