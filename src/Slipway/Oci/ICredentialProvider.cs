namespace Slipway.Oci;

/// <summary>Finds credentials for a registry host (<c>127.0.0.1:5000</c>, <c>docker.io</c>); null when it has none.</summary>
public interface ICredentialProvider
{
    Task<RegistryCredentials?> GetAsync(string registry, CancellationToken cancellationToken);
}
