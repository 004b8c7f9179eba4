namespace Slipway.Packages;

/// <summary>A token already read (from <c>.npmrc</c>) and registered as a secret.</summary>
public sealed class FixedCredential(string token) : IPackageCredential
{
    public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(token);
}
