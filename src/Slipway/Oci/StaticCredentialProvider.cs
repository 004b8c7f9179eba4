namespace Slipway.Oci;

/// <summary>Credentials given explicitly (flags, slipway.toml), tried in order; the first that answers wins.</summary>
public sealed class StaticCredentialProvider(IReadOnlyDictionary<string, RegistryCredentials> byRegistry) : ICredentialProvider
{
    public static StaticCredentialProvider Empty { get; } = new(new Dictionary<string, RegistryCredentials>());

    public Task<RegistryCredentials?> GetAsync(string registry, CancellationToken cancellationToken) =>
        Task.FromResult(byRegistry.TryGetValue(registry, out var credentials) ? credentials : null);
}
