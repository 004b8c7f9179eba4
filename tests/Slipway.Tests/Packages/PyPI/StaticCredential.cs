using Slipway.Packages;

namespace Slipway.Tests.Packages.PyPI;

internal sealed class StaticCredential(string token) : IPackageCredential
{
    public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(token);
}
