using Slipway.Configuration;
using Slipway.Diagnostics;

namespace Slipway.Packages;

/// <summary>A token configured as <c>token = "env:NAME"</c>, read when first needed and registered as a secret then.</summary>
public sealed class SecretCredential(Secret secret, IEnvironment environment, SecretRedactor redactor) : IPackageCredential
{
    public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(secret.Resolve(environment, redactor));
}
