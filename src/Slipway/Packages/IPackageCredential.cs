namespace Slipway.Packages;

/// <summary>
/// The token a publisher sends to its registry: a configured secret (<c>token = "env:…"</c>), or one minted by trusted
/// publishing from the CI's OIDC identity and renewed before it expires. Every token is registered as a secret as soon
/// as it is known.
/// </summary>
public interface IPackageCredential
{
    Task<string> GetTokenAsync(CancellationToken cancellationToken);
}
