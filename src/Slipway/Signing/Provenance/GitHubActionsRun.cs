using System.Text.Json.Serialization;
using Slipway.Diagnostics;

namespace Slipway.Signing.Provenance;

/// <summary>
/// The facts of a GitHub Actions workflow run, read from the variables GitHub documents for every job
/// (docs.github.com, "Store information in variables", default environment variables). The build step journals
/// them, so the provenance names the run that built, whichever job writes it.
/// </summary>
public sealed record GitHubActionsRun(
    string ServerUrl,
    string Repository,
    string RepositoryId,
    string RepositoryOwnerId,
    string WorkflowRef,
    string Sha,
    string Ref,
    string EventName,
    string RunId,
    string RunAttempt,
    string RunnerEnvironment)
{
    /// <summary>Every variable the GitHub build type is written from, in the order they are read.</summary>
    public static readonly IReadOnlyList<string> Variables =
    [
        "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_REPOSITORY_ID", "GITHUB_REPOSITORY_OWNER_ID", "GITHUB_WORKFLOW_REF",
        "GITHUB_SHA", "GITHUB_REF", "GITHUB_EVENT_NAME", "GITHUB_RUN_ID", "GITHUB_RUN_ATTEMPT", "RUNNER_ENVIRONMENT",
    ];

    /// <summary>
    /// The run this process is a job of, or null outside GitHub Actions (<c>GITHUB_ACTIONS</c> is not <c>true</c>). Inside,
    /// a missing variable or a workflow ref that is not the repository's is a coded error: the provenance is never
    /// written from guesses.
    /// </summary>
    public static GitHubActionsRun? Read(IEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.GetVariable("GITHUB_ACTIONS") != "true")
        {
            return null;
        }

        var values = Variables.Select(name => environment.GetVariable(name) is { Length: > 0 } value ? value : throw ProvenanceErrors.VariableMissing(name)).ToList();
        var run = new GitHubActionsRun(
            values[0].TrimEnd('/'), values[1], values[2], values[3], values[4], values[5], values[6], values[7], values[8], values[9], values[10]);
        _ = run.Workflow;
        return run;
    }

    /// <summary>
    /// The top-level workflow's path and ref, from <c>GITHUB_WORKFLOW_REF</c> (<c>OWNER/REPO/PATH@REF</c>): the
    /// repository prefix removed, split at the first <c>@</c> (a ref may hold one, a workflow path may not).
    /// </summary>
    [JsonIgnore]
    public (string Path, string Ref) Workflow
    {
        get
        {
            var prefix = Repository + "/";
            var at = WorkflowRef.IndexOf('@', StringComparison.Ordinal);
            if (!WorkflowRef.StartsWith(prefix, StringComparison.Ordinal) || at <= prefix.Length || at == WorkflowRef.Length - 1)
            {
                throw ProvenanceErrors.WorkflowRefInvalid(WorkflowRef, Repository);
            }

            return (WorkflowRef[prefix.Length..at], WorkflowRef[(at + 1)..]);
        }
    }

    /// <summary>The repository's HTTPS URL, without <c>.git</c>, as the build type's <c>workflow.repository</c>.</summary>
    [JsonIgnore]
    public string RepositoryUrl => $"{ServerUrl}/{Repository}";

    /// <summary>The run's attempt URL, the build type's <c>invocationId</c>.</summary>
    [JsonIgnore]
    public string InvocationId => $"{RepositoryUrl}/actions/runs/{RunId}/attempts/{RunAttempt}";

    /// <summary>
    /// The workflow that ran, <c>SERVER/OWNER/REPO/PATH@REF</c>. GitHub's build type names the job's workflow
    /// (<c>job_workflow_ref</c>, a claim of the OIDC token only); no variable carries it, so a job of a reusable
    /// workflow is named by its caller here.
    /// </summary>
    [JsonIgnore]
    public string BuilderId => $"{ServerUrl}/{WorkflowRef}";

    /// <summary>
    /// One run's facts from the jobs of a build in parts (one platform per runner): they must be jobs of one workflow
    /// run; a job re-run makes the latest attempt the invocation, and a part on a self-hosted runner makes the whole
    /// build self-hosted.
    /// </summary>
    public static GitHubActionsRun? Combine(IReadOnlyList<GitHubActionsRun> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            return null;
        }

        var latest = parts.MaxBy(p => int.TryParse(p.RunAttempt, out var attempt) ? attempt : 0)!;
        if (parts.FirstOrDefault(p => p with { RunAttempt = latest.RunAttempt, RunnerEnvironment = latest.RunnerEnvironment } != latest) is { } other)
        {
            throw ProvenanceErrors.PartsDisagree(latest.InvocationId, other.InvocationId);
        }

        return parts.All(p => p.RunnerEnvironment == GitHubHosted) ? latest : latest with { RunnerEnvironment = SelfHosted };
    }

    public const string GitHubHosted = "github-hosted";

    public const string SelfHosted = "self-hosted";
}
