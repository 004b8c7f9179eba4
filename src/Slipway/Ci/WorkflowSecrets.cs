using Slipway.Configuration;
using Slipway.Pipeline;
using Slipway.Signing;

namespace Slipway.Ci;

/// <summary>
/// The secrets a job passes to <c>slipway</c>, by the environment variable the configuration reads them from
/// (<c>env:NAME</c>), each from the repository secret of the same name: the journal's password to every job that
/// touches the run, registry passwords to the steps that talk to a registry, the signing key to the steps that sign,
/// a gate's <c>env:</c> values to the gates. A secret written literally into slipway.toml cannot come from a secret.
/// </summary>
internal sealed class WorkflowSecrets
{
    private static readonly HashSet<string> RegistrySteps = new(StringComparer.Ordinal)
    {
        StepNames.PushPrerelease, StepNames.Sign, StepNames.AttestSbom, StepNames.AttestProvenance, StepNames.Scan, StepNames.Approval,
        StepNames.PromoteImages, StepNames.CleanupPrerelease,
    };

    // promote-images verifies the signatures with the key before it moves a release tag, so it needs the key too.
    private static readonly HashSet<string> SigningSteps = new(StringComparer.Ordinal)
    {
        StepNames.Sign, StepNames.AttestSbom, StepNames.AttestProvenance, StepNames.PromoteImages,
    };

    private static readonly HashSet<string> KnownSteps = new(StringComparer.Ordinal)
    {
        StepNames.DetectVersion, StepNames.Preflight, StepNames.Gates, StepNames.ChangelogRender, StepNames.Build, StepNames.PushPrerelease,
        StepNames.Sign, StepNames.AttestSbom, StepNames.AttestProvenance, StepNames.Scan, StepNames.Approval, StepNames.PromoteImages,
        StepNames.CreateRelease, StepNames.FinalizeChangelog, StepNames.CleanupPrerelease, StepNames.ComposeNotes,
    };

    private WorkflowSecrets(IReadOnlyList<string> journal, IReadOnlyList<string> registries, IReadOnlyList<string> signing, IReadOnlyList<string> gates, IReadOnlyList<string> notes)
    {
        Notes = notes;
        Journal = journal;
        Registries = registries;
        Signing = signing;
        Gates = gates;
    }

    public IReadOnlyList<string> Journal { get; }

    public IReadOnlyList<string> Registries { get; }

    public IReadOnlyList<string> Signing { get; }

    public IReadOnlyList<string> Gates { get; }

    /// <summary>The <c>[notes.ai] api-key</c>, to compose-notes only.</summary>
    public IReadOnlyList<string> Notes { get; }

    public static WorkflowSecrets Of(SlipwayConfig config)
    {
        IReadOnlyList<string> journal = config.State.Password is { } password
            ? [Name(password)]
            : throw CiErrors.NotExpressible(
                "[state] has no password: the jobs reach the shared journal from GitHub's runners, with the password from a repository secret",
                "write [state] password = \"env:NAME\" and store NAME as a repository secret");
        var registries = config.Registries.Select(r => r.Password).OfType<Secret>().Select(Name).Distinct(StringComparer.Ordinal).ToList();
        var gates = config.Gates.SelectMany(g => g.Environment.Values).Where(v => v.Variable is not null).Select(Name).Distinct(StringComparer.Ordinal).ToList();
        List<string> signing = [];
        if (config.Signing.Key is { } key)
        {
            if (!key.StartsWith(KeyText.EnvironmentPrefix, StringComparison.Ordinal))
            {
                throw CiErrors.NotExpressible(
                    "[signing] key is a file, which no runner has (a key is not committed)",
                    "write key = \"env:NAME\" (the PEM in an environment variable) and store the PEM as repository secret NAME");
            }

            signing.Add(Check(key[KeyText.EnvironmentPrefix.Length..], "[signing] key"));
        }

        IReadOnlyList<string> notes = config.Notes.Ai?.ApiKey is { } apiKey ? [Name(apiKey)] : [];
        return new WorkflowSecrets(journal, registries, signing, gates, notes);
    }

    /// <summary>What a step reads; a step this table does not know (added to the graph later) gets every secret.</summary>
    public IEnumerable<string> For(string step, bool platformBuild)
    {
        if (!KnownSteps.Contains(step))
        {
            return [.. Registries, .. Signing, .. Gates, .. Notes];
        }

        var names = new List<string>();
        if (RegistrySteps.Contains(step) || (step == StepNames.Build && platformBuild))
        {
            names.AddRange(Registries);
        }

        if (SigningSteps.Contains(step))
        {
            names.AddRange(Signing);
        }

        if (step == StepNames.Gates)
        {
            names.AddRange(Gates);
        }

        if (step == StepNames.ComposeNotes)
        {
            names.AddRange(Notes);
        }

        return names;
    }

    private static string Name(Secret secret) =>
        secret.Variable is { } variable
            ? Check(variable, secret.Path)
            : throw CiErrors.NotExpressible(
                $"'{secret.Path}' at {secret.Location} is written into slipway.toml, and a workflow passes secrets only from repository secrets",
                $"write {secret.Path.Split('.')[^1].Split(']')[^1]} = \"env:NAME\" and store NAME as a repository secret");

    /// <summary>GitHub secret names: letters, digits and '_', not starting with a digit or GITHUB_ (GITHUB_TOKEN is GitHub's own).</summary>
    private static string Check(string name, string what)
    {
        var valid = name.Length > 0
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            && !char.IsAsciiDigit(name[0])
            && (name == "GITHUB_TOKEN" || !name.StartsWith("GITHUB_", StringComparison.OrdinalIgnoreCase));
        return valid
            ? name
            : throw CiErrors.NotExpressible(
                $"{what} reads {name}, which cannot be a GitHub secret name (letters, digits and '_', not starting with a digit or GITHUB_)",
                "rename the variable");
    }
}
