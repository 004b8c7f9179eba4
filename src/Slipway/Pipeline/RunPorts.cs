using Slipway.Configuration;
using Slipway.Forges;
using Slipway.Git;
using Slipway.Notes;
using Slipway.Oci;
using Slipway.Signing;
using Slipway.Signing.Sigstore;

namespace Slipway.Pipeline;

/// <summary>
/// What the steps reach the outside through, chosen once by <see cref="ReleaseComposition"/> from the configuration:
/// the forge (by <c>[forge] kind</c>), the repository's git, the registry by role and the signer. A registry client
/// or a signer holds resources, so each execution opens its own (from the configuration and the environment only,
/// so a step in a fresh process on another machine reaches the same registries with the same key).
/// </summary>
public sealed class RunPorts
{
    private readonly SlipwayConfig _config;

    private readonly Func<RunServices, IForge> _forge;

    internal RunPorts(SlipwayConfig config, Func<RunServices, IForge> forge, GitCli git, IPullRequestList pullRequests)
    {
        _config = config;
        _forge = forge;
        Git = git;
        PullRequests = pullRequests;
    }

    /// <summary>The <c>[forge] kind</c>, for descriptions.</summary>
    public string ForgeKind => _config.Forge.Kind;

    /// <summary>The configured forge, reaching out with this run's environment and redactor; the caller disposes it.</summary>
    public IForge Forge(RunServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return _forge(services);
    }

    /// <summary>Where the release body's pull request list comes from (the git history on the git forge).</summary>
    public IPullRequestList PullRequests { get; }

    public GitCli Git { get; }

    public RegistryClient Registry(RegistryRole role, RunServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return role switch
        {
            RegistryRole.Prerelease or RegistryRole.Release => Images.ReleaseRegistry.Create(_config, services),
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
        };
    }

    /// <summary>
    /// The signer of <c>[signing]</c>: keyless (the certificate is requested now, so a refused ID token fails before
    /// anything is pushed) or the key. The caller disposes it.
    /// </summary>
    public async Task<ISigner> SigningSignerAsync(RunServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        return _config.Signing.Mode == SigningMode.Keyless
            ? await KeylessSigner.CreateAsync(_config.Signing.Services, services.Environment, services.Redactor, services.Time, cancellationToken: cancellationToken)
            : Signer(services);
    }

    /// <summary>The <c>[signing] key</c> signer; the caller disposes it.</summary>
    public KeySigner Signer(RunServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var key = _config.Signing.Key ?? throw new InvalidOperationException("no [signing] key: the step's condition should have skipped it");
        var text = KeyText.Read(key, _config.RootDirectory, services.Environment, services.Redactor);
        return KeyLoader.LoadSigner(text, services.Environment, services.Redactor);
    }
}
