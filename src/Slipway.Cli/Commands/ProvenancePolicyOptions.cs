using System.CommandLine;
using Slipway.Signing;
using Slipway.Signing.Provenance;
using Slipway.Signing.Sigstore;

namespace Slipway.Cli.Commands;

/// <summary>
/// The provenance policy options of <c>slipway verify</c> (and <c>--policy FILE</c>, whose <c>[provenance]</c> table
/// they override): any of them requires the SLSA provenance attestation and holds the statement it verified to them.
/// </summary>
internal sealed class ProvenancePolicyOptions
{
    private readonly Option<string?> _repository = Value(ProvenancePolicy.SourceRepositoryOption, "HOST/OWNER/NAME", "The repository the provenance must name as its source (github.com/OWNER/NAME).");
    private readonly Option<string?> _ref = Value(ProvenancePolicy.SourceRefOption, "REF", "The git ref the source must have been built from (refs/tags/v1.2.3 or refs/heads/main).");
    private readonly Option<string?> _commit = Value(ProvenancePolicy.SourceCommitOption, "SHA", "The commit the source must be (the full id).");
    private readonly Option<string?> _workflow = Value(ProvenancePolicy.WorkflowOption, "PATH", "The top-level workflow that must have run the build (.github/workflows/release.yml).");
    private readonly Option<string?> _builder = Value(ProvenancePolicy.BuilderIdOption, "URI", "The builder the provenance must name (runDetails.builder.id), exactly.");
    private readonly Option<string?> _runner = Value(ProvenancePolicy.RunnerEnvironmentOption, "ENV", "The runner environment the build must have run on: github-hosted or self-hosted.");
    private readonly Option<string?> _policy = Value("--policy", "FILE", "A TOML policy file: its [provenance] table holds the options above (source-repository = ..., ...), its [identity] table the keyless ones without certificate- (identity, identity-regexp, oidc-issuer, github-workflow-repository, -ref, -trigger, allow-any-identity); options given override it.");

    /// <summary>The <c>[identity]</c> table of the policy file <see cref="Read"/> read, if it had one.</summary>
    public IdentityPolicyValues? FileIdentity { get; private set; }

    public static ProvenancePolicyOptions AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var options = new ProvenancePolicyOptions();
        foreach (var option in new[] { options._repository, options._ref, options._commit, options._workflow, options._builder, options._runner, options._policy })
        {
            command.Options.Add(option);
        }

        return options;
    }

    /// <summary>The policy the options and the file ask for, checked for its shape (exit 2 before anything is fetched).</summary>
    public ProvenancePolicy Read(CommandContext context, ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parse);
        var given = ProvenancePolicy.Create(
            parse.GetValue(_repository), parse.GetValue(_ref), parse.GetValue(_commit), parse.GetValue(_workflow), parse.GetValue(_builder), parse.GetValue(_runner));
        if (parse.GetValue(_policy) is not { } file)
        {
            return given;
        }

        var (provenance, identity) = VerificationPolicyFile.Read(Path.Combine(context.Directory, file), context.Host.Environment, context.Host.Redactor);
        FileIdentity = identity;
        return provenance.Over(given);
    }

    /// <summary>The report with the policy's checks after each provenance attestation that verified.</summary>
    public static VerificationReport Apply(VerificationReport report, ProvenancePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.IsEmpty)
        {
            return report;
        }

        var checks = new List<VerificationCheck>();
        foreach (var check in report.Checks)
        {
            checks.Add(check);
            if (check.Passed && check.Payload is { } statement && check.Name.StartsWith($"attestation {PredicateTypes.SlsaProvenanceV1} ", StringComparison.Ordinal))
            {
                checks.AddRange(ProvenancePolicyCheck.Run(policy, statement, report.Digest.ToString()));
            }
        }

        return report with { Checks = checks };
    }

    private static Option<string?> Value(string name, string helpName, string description) =>
        new(name) { Description = description, HelpName = helpName };
}
