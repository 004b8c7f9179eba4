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
    /// <summary>The steps whose condition is false for this configuration: they only record themselves as skipped.</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    /// <summary>The job's display name: the steps that do something (a platform build names its platform).</summary>
    public string Name
    {
        get
        {
            var active = Steps.Where(s => !Skipped.Contains(s)).ToList();
            return Platform is not null ? $"{Steps[0]} ({Platform})" : string.Join(" + ", active.Count > 0 ? active : [Steps[0]]);
        }
    }

    /// <summary>The GitHub environment whose reviewers gate this job (the approval with <c>approval-environment</c>).</summary>
    public string? Environment { get; init; }

    /// <summary>This job holds the approval step and waits in it until <c>slipway approve</c> (no environment).</summary>
    public bool WaitsForApproval { get; init; }

    /// <summary>The artifact this job uploads after its steps (the build output), or null.</summary>
    public BuildArtifact? Uploads { get; init; }

    /// <summary>The artifacts this job downloads before its steps.</summary>
    public IReadOnlyList<BuildArtifact> Downloads { get; init; } = [];
}
