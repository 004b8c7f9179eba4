using System.Globalization;
using Slipway.Configuration;
using Slipway.Diagnostics;

namespace Slipway.Forges.GitHub;

/// <summary>
/// In a GitHub Actions job on the GitHub forge, the name an approval is given under (<c>--as</c>,
/// <c>SLIPWAY_APPROVER</c>) is not taken at its word: with <c>[ci.github] approval-environment</c> it must be the
/// reviewer GitHub recorded approving that environment in this workflow run (GET
/// <c>/repos/{owner}/{repo}/actions/runs/{run_id}/approvals</c>); otherwise, Slipway's own approval, it must be the
/// account the job runs as (<c>GITHUB_ACTOR</c>). Anything else could be typed by whoever edits the workflow.
/// </summary>
public sealed class ActionsApprovalCheck
{
    private readonly long _runId;
    private readonly GitHubRepository _repository;
    private readonly string? _actor;
    private readonly string? _environment;

    private ActionsApprovalCheck(long runId, GitHubRepository repository, string? actor, string? environment)
    {
        _runId = runId;
        _repository = repository;
        _actor = actor;
        _environment = environment;
    }

    /// <summary>The check of this job, or null outside GitHub Actions (<c>GITHUB_ACTIONS</c> is not <c>true</c>) or off the GitHub forge.</summary>
    public static ActionsApprovalCheck? For(SlipwayConfig config, IEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(environment);
        if (config.Forge.Kind != ForgeSection.GitHubKind || environment.GetVariable("GITHUB_ACTIONS") != "true")
        {
            return null;
        }

        var runText = environment.GetVariable("GITHUB_RUN_ID");
        if (!long.TryParse(runText, NumberStyles.None, CultureInfo.InvariantCulture, out var runId) || runId <= 0)
        {
            throw ForgeErrors.ActionsVariableInvalid("GITHUB_RUN_ID", runText);
        }

        var repositoryText = environment.GetVariable("GITHUB_REPOSITORY");
        if (!GitHubRepository.TryParse(repositoryText, out var repository))
        {
            throw ForgeErrors.ActionsVariableInvalid("GITHUB_REPOSITORY", repositoryText);
        }

        return new ActionsApprovalCheck(runId, repository, environment.GetVariable("GITHUB_ACTOR"), config.Ci.GitHub.ApprovalEnvironment);
    }

    /// <summary>What GitHub recorded for an approval by <paramref name="name"/>; a coded input error when it names someone else, or nobody.</summary>
    public async Task<ActionsApproval> VerifyAsync(string name, GitHubForge forge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(forge);
        if (_environment is null)
        {
            return new ActionsApproval(_runId, VerifyActor(name), "approved", null, null);
        }

        var released = await forge.RepositoryAsync(cancellationToken);
        if (!Same(released.ToString(), _repository.ToString()))
        {
            throw ForgeErrors.ActionsRepositoryElsewhere(_repository.ToString(), released);
        }

        // The latest review of the environment decides: a reviewer may reject after an earlier approval of a re-run.
        var reviews = await forge.RunApprovalsAsync(_runId, cancellationToken);
        var review = reviews.LastOrDefault(r => r.Environments.Any(e => e.Name == _environment));
        if (review is not { State: "approved" })
        {
            throw ForgeErrors.NoEnvironmentApproval(_environment, _runId);
        }

        if (!Same(name, review.User.Login))
        {
            throw ForgeErrors.ApproverNotReviewer(name, _environment, _runId, review.User.Login);
        }

        return new ActionsApproval(_runId, review.User.Login, review.State, review.Comment, _environment);
    }

    /// <summary>The account the job runs as, which <paramref name="name"/> must be (a rejection, or Slipway's own approval).</summary>
    public string VerifyActor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_actor is null or "")
        {
            throw ForgeErrors.ActionsVariableInvalid("GITHUB_ACTOR", _actor);
        }

        return Same(name, _actor) ? _actor : throw ForgeErrors.ApproverNotActor(name, _actor, _runId);
    }

    // GitHub logins are case-insensitive; CODEOWNERS and --as may carry the '@'.
    private static bool Same(string a, string b) => string.Equals(a.TrimStart('@'), b.TrimStart('@'), StringComparison.OrdinalIgnoreCase);
}
