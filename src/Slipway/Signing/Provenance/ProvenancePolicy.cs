using System.Text.RegularExpressions;

namespace Slipway.Signing.Provenance;

/// <summary>
/// What a consumer requires of an image's SLSA provenance (<c>slipway verify --attestation slsaprovenance</c>): the
/// source repository (<c>host/owner/name</c>), the source ref and commit, the top-level workflow, the builder and the
/// runner environment. Each value is checked for its shape when the policy is made, before anything is fetched.
/// </summary>
public sealed partial record ProvenancePolicy(
    string? SourceRepository = null,
    string? SourceRef = null,
    string? SourceCommit = null,
    string? Workflow = null,
    string? BuilderId = null,
    string? RunnerEnvironment = null)
{
    public const string SourceRepositoryOption = "--source-repository";
    public const string SourceRefOption = "--source-ref";
    public const string SourceCommitOption = "--source-commit";
    public const string WorkflowOption = "--workflow";
    public const string BuilderIdOption = "--builder-id";
    public const string RunnerEnvironmentOption = "--runner-environment";

    public static readonly ProvenancePolicy None = new();

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => this == None;

    /// <summary>A policy from option values (null: not required); <paramref name="source"/> names where they came from in errors.</summary>
    public static ProvenancePolicy Create(
        string? sourceRepository, string? sourceRef, string? sourceCommit, string? workflow, string? builderId, string? runnerEnvironment, Func<string, string>? source = null)
    {
        source ??= option => option;
        return new ProvenancePolicy(
            Checked(sourceRepository, source(SourceRepositoryOption), "host/owner/name (github.com/OWNER/NAME), without a scheme", IsRepository),
            Checked(sourceRef, source(SourceRefOption), "a full git ref (refs/tags/v1.2.3, refs/heads/main)", IsRef),
            Checked(sourceCommit, source(SourceCommitOption), "a full commit id (40 or 64 hexadecimal digits)", v => CommitPattern().IsMatch(v)),
            Checked(workflow, source(WorkflowOption), "a workflow path in the repository (.github/workflows/release.yml)", IsWorkflowPath),
            Checked(builderId, source(BuilderIdOption), "an absolute URI", v => Uri.TryCreate(v, UriKind.Absolute, out _)),
            Checked(runnerEnvironment, source(RunnerEnvironmentOption), $"{GitHubActionsRun.GitHubHosted} or {GitHubActionsRun.SelfHosted}", v => v is GitHubActionsRun.GitHubHosted or GitHubActionsRun.SelfHosted));
    }

    /// <summary>This policy, with every value <paramref name="other"/> sets taken from it instead (options over a policy file).</summary>
    public ProvenancePolicy Over(ProvenancePolicy other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ProvenancePolicy(
            other.SourceRepository ?? SourceRepository,
            other.SourceRef ?? SourceRef,
            other.SourceCommit ?? SourceCommit,
            other.Workflow ?? Workflow,
            other.BuilderId ?? BuilderId,
            other.RunnerEnvironment ?? RunnerEnvironment);
    }

    /// <summary>
    /// The policy the provenance of <paramref name="facts"/> satisfies, for the verify command a release's notes print:
    /// in GitHub Actions the repository, ref, workflow, builder and runner; outside it the commit (all a local build
    /// can vouch for).
    /// </summary>
    public static ProvenancePolicy Satisfied(ProvenanceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.GitHub is not { } run)
        {
            return new ProvenancePolicy(SourceCommit: facts.Commit);
        }

        var host = Uri.TryCreate(run.ServerUrl, UriKind.Absolute, out var server) ? server.Authority : run.ServerUrl;
        return new ProvenancePolicy($"{host}/{run.Repository}", run.Ref, run.Sha, run.Workflow.Path, run.BuilderId, run.RunnerEnvironment);
    }

    /// <summary>The policy as <c>slipway verify</c> options, for the commands a release's notes print.</summary>
    public IReadOnlyList<string> ToOptions()
    {
        var options = new List<string>();
        void Add(string option, string? value)
        {
            if (value is not null)
            {
                options.Add(option);
                options.Add(value);
            }
        }

        Add(SourceRepositoryOption, SourceRepository);
        Add(SourceRefOption, SourceRef);
        Add(SourceCommitOption, SourceCommit);
        Add(WorkflowOption, Workflow);
        Add(BuilderIdOption, BuilderId);
        Add(RunnerEnvironmentOption, RunnerEnvironment);
        return options;
    }

    private static string? Checked(string? value, string option, string expected, Func<string, bool> valid) =>
        value is null || valid(value) ? value : throw ProvenanceErrors.PolicyValueInvalid(option, value, expected);

    private static bool IsRepository(string value)
    {
        var parts = value.Split('/');
        return parts.Length == 3 && parts.All(p => p.Length > 0 && p != "." && p != ".." && !p.Contains(':', StringComparison.Ordinal))
            && !value.Contains(' ', StringComparison.Ordinal) && !value.EndsWith(".git", StringComparison.Ordinal) && parts[0].Contains('.', StringComparison.Ordinal);
    }

    private static bool IsRef(string value) =>
        value.StartsWith("refs/", StringComparison.Ordinal) && value.Length > "refs/".Length && !value.Contains("..", StringComparison.Ordinal)
        && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    private static bool IsWorkflowPath(string value) =>
        value.Length > 0 && !value.StartsWith('/') && !value.Contains('@', StringComparison.Ordinal) && !value.Contains("://", StringComparison.Ordinal)
        && value.Split('/').All(p => p.Length > 0 && p != "." && p != "..");

    [GeneratedRegex("^([0-9a-f]{40}|[0-9a-f]{64})$")]
    private static partial Regex CommitPattern();
}
