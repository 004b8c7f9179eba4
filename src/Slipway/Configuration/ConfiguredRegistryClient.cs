using Slipway.Diagnostics;
using Slipway.Oci;

namespace Slipway.Configuration;

/// <summary>
/// A registry client as the configuration sets it up: credentials from any providers given first (command
/// line flags), then <c>[[registry]]</c>, then Docker's config.json; plain HTTP for registries marked insecure (and
/// always for loopback). The release run and the image commands build their clients here.
/// </summary>
public static class ConfiguredRegistryClient
{
    public static RegistryClient Create(
        IReadOnlyList<RegistrySection> registries,
        IEnvironment environment,
        SecretRedactor redactor,
        TimeProvider time,
        IEnumerable<ICredentialProvider>? first = null,
        IEnumerable<string>? alsoInsecure = null)
    {
        ArgumentNullException.ThrowIfNull(registries);
        var providers = new List<ICredentialProvider>(first ?? [])
        {
            new ConfiguredCredentialProvider(registries, environment, redactor),
            new DockerConfigCredentialProvider(environment, redactor),
        };
        var insecure = new HashSet<string>(registries.Where(r => r.Insecure).Select(r => r.Host), StringComparer.OrdinalIgnoreCase);
        insecure.UnionWith(alsoInsecure ?? []);
        return new RegistryClient(new RegistryClientOptions
        {
            Credentials = new ChainedCredentialProvider([.. providers]),
            InsecureRegistries = insecure,
            Redactor = redactor,
            Time = time,
        });
    }
}
