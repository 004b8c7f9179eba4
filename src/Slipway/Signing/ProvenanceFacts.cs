using Slipway.Signing.Provenance;

namespace Slipway.Signing;

/// <summary>
/// What Slipway knows about a build, and nothing more: the provenance claims only these. Optional facts left null are
/// omitted, never guessed. With <see cref="GitHub"/> (the build ran in GitHub Actions) the provenance is GitHub's
/// workflow build type, written from that run's facts; otherwise Slipway's own build type.
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
    string? ConfigurationDigest = null)
{
    /// <summary>The <c>[build] command</c> that ran, as configured.</summary>
    public string? BuildCommand { get; init; }

    /// <summary>The <c>[build] artifacts</c> the build left, with their SHA-256: the provenance's byproducts.</summary>
    public IReadOnlyList<ProvenanceArtifact> Artifacts { get; init; } = [];

    /// <summary>The version of the Slipway that ran the release, the builder's version.</summary>
    public string? SlipwayVersion { get; init; }

    /// <summary>The GitHub Actions run the build was a job of, or null outside GitHub Actions.</summary>
    public GitHubActionsRun? GitHub { get; init; }
}
