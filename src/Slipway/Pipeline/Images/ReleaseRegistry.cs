using Slipway.Configuration;
using Slipway.Oci;

namespace Slipway.Pipeline.Images;

/// <summary>
/// The registry client a release run uses: credentials from <c>[[registry]]</c>, then Docker's config.json; plain HTTP
/// for registries marked insecure (and always for loopback). Built from the configuration and the environment only,
/// so a resumed run in a fresh process reaches the registries exactly as the first one did.
/// </summary>
public static class ReleaseRegistry
{
    public static RegistryClient Create(SlipwayConfig config, RunServices services, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(services);
        return new RegistryClient(new RegistryClientOptions
        {
            Credentials = new ChainedCredentialProvider(
                new ConfiguredCredentialProvider(config.Registries, services.Environment, services.Redactor),
                new DockerConfigCredentialProvider(services.Environment, services.Redactor)),
            InsecureRegistries = new HashSet<string>(config.Registries.Where(r => r.Insecure).Select(r => r.Host), StringComparer.OrdinalIgnoreCase),
            Redactor = services.Redactor,
            Time = services.Time,
            Handler = handler,
        });
    }
}
