using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Packages.Npm;
using Slipway.Packages.NuGet;

namespace Slipway.Packages;

/// <summary>
/// One publisher per <c>[[package]] kind</c>, with its credential: <c>token = "env:NAME"</c>, else trusted publishing,
/// else (npm) the token <c>.npmrc</c> holds for the registry. The composition root hands these to the package steps.
/// </summary>
public static class PackagePorts
{
    /// <summary>What CI sets where an OIDC identity can be requested (GitHub Actions with <c>id-token: write</c>).</summary>
    public const string IdTokenUrlVariable = "ACTIONS_ID_TOKEN_REQUEST_URL";

    public static IPackagePublisher Publisher(SlipwayConfig config, PackageSection section, PackageRelease release, IEnvironment environment, SecretRedactor redactor, TimeProvider time, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(section);
        return section.Kind switch
        {
            PackageSection.NpmKind => new NpmPublisher(section, release, NpmRc.Load(config.RootDirectory, environment, redactor), Credential(section, environment, redactor), time, handler),
            PackageSection.NuGetKind => new NuGetPublisher(section, config.RootDirectory, Credential(section, environment, redactor), time, handler),

            // The PyPI publisher (twine's upload) plugs in here.
            PackageSection.PyPIKind => throw PackageErrors.KindUnavailable(section.Kind),
            var kind => throw new ArgumentException($"[[package]] kind '{kind}' has no implementation", nameof(section)),
        };
    }

    /// <summary>The configured credential, or null when the publisher finds its own (.npmrc) or needs none (a folder feed).</summary>
    public static IPackageCredential? Credential(PackageSection section, IEnvironment environment, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (section.Token is { } token)
        {
            return new SecretCredential(token, environment, redactor);
        }

        if (section.TrustedPublishing)
        {
            EnsureIdentity(section, environment);

            // The OIDC exchanges (PyPI, npm, NuGet) plug in here.
            throw PackageErrors.CredentialMissing(section.Display, "trusted publishing is not available in this build of slipway; configure token = \"env:NAME\"");
        }

        return null;
    }

    /// <summary>
    /// Refuses, before anything is published, a credential that cannot be had: a token variable that is unset, trusted
    /// publishing with no OIDC identity, or no token at all where the registry needs one.
    /// </summary>
    public static void EnsureCredential(PackageSection section, IPackagePublisher publisher, PackageFile file, IEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(environment);
        if (section.Token is { Variable: { } variable } && string.IsNullOrEmpty(environment.GetVariable(variable)))
        {
            throw PackageErrors.CredentialMissing(section.Display, $"token reads environment variable {variable}, which is not set");
        }

        if (section.TrustedPublishing)
        {
            EnsureIdentity(section, environment);
            return;
        }

        if (section.Token is null && publisher is NuGetPublisher { NeedsCredential: true })
        {
            throw PackageErrors.CredentialMissing(section.Display, "an HTTP NuGet feed needs an API key: none is configured and trusted publishing is off");
        }

        if (section.Token is null && publisher is NpmPublisher npm && !npm.HasCredential(file))
        {
            throw PackageErrors.CredentialMissing(section.Display, $"no token for {npm.RegistryFor(file)}: none is configured, .npmrc has none for {NpmRc.NerfDart(npm.RegistryFor(file))}, and trusted publishing is off");
        }
    }

    private static void EnsureIdentity(PackageSection section, IEnvironment environment)
    {
        if (string.IsNullOrEmpty(environment.GetVariable(IdTokenUrlVariable)))
        {
            throw PackageErrors.CredentialMissing(section.Display, $"trusted-publishing = true, but no OIDC identity is available here ({IdTokenUrlVariable} is not set; in GitHub Actions grant the job id-token: write)");
        }
    }
}
