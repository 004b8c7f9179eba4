namespace Slipway.Ci;

/// <summary>
/// One job of the generated workflow that runs release steps: the steps in the order it runs them (one step, or a
/// platform's build, or trivial steps grouped with the job they follow), the jobs it needs (those holding the steps its
/// steps depend on), and what it may touch: permissions, secrets by name, the runner, an environment, the build output.
/// </summary>
public sealed record WorkflowJob(
    string Id,
    IReadOnlyList<string> Steps,
    string? Platform,
    IReadOnlyList<string> Needs,
    IReadOnlyDictionary<string, string> Permissions,
    IReadOnlyList<string> Secrets,
    string RunsOn,
    int TimeoutMinutes)
{
    /// <summary>The GitHub environment whose reviewers gate this job (the approval with <c>approval-environment</c>).</summary>
    public string? Environment { get; init; }

    /// <summary>This job holds the approval step and waits in it until <c>slipway approve</c> (no environment).</summary>
    public bool WaitsForApproval { get; init; }

    /// <summary>The artifact this job uploads after its steps (the build output), or null.</summary>
    public BuildArtifact? Uploads { get; init; }

    /// <summary>The artifacts this job downloads before its steps.</summary>
    public IReadOnlyList<BuildArtifact> Downloads { get; init; } = [];
}
