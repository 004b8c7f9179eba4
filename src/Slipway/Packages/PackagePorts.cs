using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Packages.Npm;
using Slipway.Packages.NuGet;
using Slipway.Packages.PyPI;
using Slipway.Packages.TrustedPublishing;

namespace Slipway.Packages;

/// <summary>
/// One publisher per <c>[[package]] kind</c>, with its credential: <c>token = "env:NAME"</c>, else trusted publishing
/// (the CI's OIDC identity exchanged at the registry), else (npm) the token <c>.npmrc</c> holds for the registry. The
/// composition root hands these to the package steps.
/// </summary>
public static class PackagePorts
{
    /// <summary>What CI sets where an OIDC identity can be requested (GitHub Actions with <c>id-token: write</c>).</summary>
    public const string IdTokenUrlVariable = ActionsIdTokenSource.UrlVariable;

    public static IPackagePublisher Publisher(SlipwayConfig config, PackageSection section, PackageRelease release, IEnvironment environment, SecretRedactor redactor, TimeProvider time, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(section);
        return section.Kind switch
        {
            PackageSection.NpmKind => new NpmPublisher(section, release, NpmRc.Load(config.RootDirectory, environment, redactor), Credential(section, environment, redactor, time, handler), time, handler)
            {
                TrustedCredential = section.TrustedPublishing ? (registry, name) => NpmTrusted(registry, name, environment, redactor, time, handler) : null,
            },
            PackageSection.NuGetKind => new NuGetPublisher(section, config.RootDirectory, Credential(section, environment, redactor, time, handler), time, handler),
            PackageSection.PyPIKind => new PyPIPublisher(
                UploadUrl(section),
                JsonApiUrl(section),
                Credential(section, environment, redactor, time, handler) ?? throw PackageErrors.CredentialMissing(section.Display, "PyPI needs a token: configure token = \"env:NAME\" or trusted-publishing = true"),
                handler ?? NewHandler(),
                redactor,
                time),
            var kind => throw new ArgumentException($"[[package]] kind '{kind}' has no implementation", nameof(section)),
        };
    }

    /// <summary>PyPI's upload endpoint: <c>registry</c>, else the public index's.</summary>
    public static Uri UploadUrl(PackageSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return section.Registry is { } registry ? new Uri(registry) : PyPIIndex.PyPIUpload;
    }

    /// <summary>PyPI's JSON API: the known index's beside the upload URL, else none (the upload's answer is the proof).</summary>
    public static Uri? JsonApiUrl(PackageSection section) => PyPIIndex.JsonApiFor(UploadUrl(section));

    /// <summary>
    /// The configured credential, or null when the publisher finds its own (.npmrc, npm's per-package trusted token) or
    /// needs none (a folder feed).
    /// </summary>
    public static IPackageCredential? Credential(PackageSection section, IEnvironment environment, SecretRedactor redactor, TimeProvider time, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (section.Token is { } token)
        {
            return new SecretCredential(token, environment, redactor);
        }

        if (!section.TrustedPublishing)
        {
            return null;
        }

        return section.Kind switch
        {
            PackageSection.PyPIKind => new PyPITrustedCredential(UploadUrl(section), IdTokens(environment, redactor, handler), NewClient(handler), redactor, time),
            PackageSection.NuGetKind => new NuGetTrustedCredential(
                NuGetTrustedCredential.NuGetOrgTokenUrl,
                NuGetTrustedCredential.NuGetOrgAudience,
                section.User ?? throw PackageErrors.CredentialMissing(section.Display, "trusted publishing on NuGet needs user = \"<the policy owner's profile name>\""),
                IdTokens(environment, redactor, handler),
                NewClient(handler),
                redactor,
                time),
            _ => null,
        };
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
        foreach (var variable in new[] { ActionsIdTokenSource.UrlVariable, ActionsIdTokenSource.TokenVariable })
        {
            if (string.IsNullOrEmpty(environment.GetVariable(variable)))
            {
                throw PackageErrors.CredentialMissing(section.Display, $"trusted-publishing = true, but no OIDC identity is available here ({variable} is not set; in GitHub Actions grant the job id-token: write)");
            }
        }
    }

    private static NpmTrustedCredential NpmTrusted(Uri registry, string name, IEnvironment environment, SecretRedactor redactor, TimeProvider time, HttpMessageHandler? handler) =>
        new(registry, name, IdTokens(environment, redactor, handler), NewClient(handler), redactor, time);

    private static ActionsIdTokenSource IdTokens(IEnvironment environment, SecretRedactor redactor, HttpMessageHandler? handler) =>
        new(environment, NewClient(handler), redactor);

    private static HttpClient NewClient(HttpMessageHandler? handler) =>
        new(handler ?? NewHandler(), disposeHandler: handler is null) { Timeout = TimeSpan.FromMinutes(2) };

    private static SocketsHttpHandler NewHandler() => new() { AllowAutoRedirect = false };
}
