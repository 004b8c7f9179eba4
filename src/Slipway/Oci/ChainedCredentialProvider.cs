namespace Slipway.Oci;

/// <summary>Asks each provider in turn: explicit configuration first, then Docker's config.json.</summary>
public sealed class ChainedCredentialProvider(params ICredentialProvider[] providers) : ICredentialProvider
{
    public async Task<RegistryCredentials?> GetAsync(string registry, CancellationToken cancellationToken)
    {
        foreach (var provider in providers)
        {
            if (await provider.GetAsync(registry, cancellationToken) is { } credentials)
            {
                return credentials;
            }
        }

        return null;
    }
}
