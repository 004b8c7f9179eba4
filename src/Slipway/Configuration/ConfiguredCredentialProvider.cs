using Slipway.Diagnostics;
using Slipway.Oci;

namespace Slipway.Configuration;

/// <summary>Credentials from <c>[[registry]]</c> sections; a password's <c>env:NAME</c> is read only for the host in use.</summary>
public sealed class ConfiguredCredentialProvider(IReadOnlyList<RegistrySection> registries, IEnvironment environment, SecretRedactor redactor) : ICredentialProvider
{
    public Task<RegistryCredentials?> GetAsync(string registry, CancellationToken cancellationToken)
    {
        var section = registries.FirstOrDefault(r => r.Host.Equals(registry, StringComparison.OrdinalIgnoreCase));
        if (section?.Username is null || section.Password is null)
        {
            return Task.FromResult<RegistryCredentials?>(null);
        }

        return Task.FromResult<RegistryCredentials?>(new RegistryCredentials(section.Username, section.Password.Resolve(environment, redactor)));
    }
}
