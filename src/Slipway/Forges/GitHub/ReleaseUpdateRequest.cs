namespace Slipway.Forges.GitHub;

/// <summary>The body of <c>PATCH /repos/{owner}/{repo}/releases/{id}</c>: only the fields set are sent.</summary>
public sealed record ReleaseUpdateRequest
{
    public string? Name { get; init; }

    public string? Body { get; init; }

    public string? TargetCommitish { get; init; }

    public bool? Draft { get; init; }

    public bool? Prerelease { get; init; }

    /// <summary><c>"true"</c>, <c>"false"</c> or <c>"legacy"</c>: GitHub takes a string here, not a boolean.</summary>
    public string? MakeLatest { get; init; }
}
