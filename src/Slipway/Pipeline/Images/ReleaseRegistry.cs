using Slipway.Configuration;
using Slipway.Oci;

namespace Slipway.Pipeline.Images;

/// <summary>
/// The registry client a release run uses, built from the configuration and the environment only, so a resumed run
/// in a fresh process reaches the registries exactly as the first one did.
/// </summary>
public static class ReleaseRegistry
{
    public static RegistryClient Create(SlipwayConfig config, RunServices services)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(services);
        return ConfiguredRegistryClient.Create(config.Registries, services.Environment, services.Redactor, services.Time);
    }
}
