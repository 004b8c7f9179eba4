namespace Slipway.Tests.Infra.Registry;

public sealed class TokenAuthRegistry : RegistryServer
{
    protected override RegistryAuthMode Mode => RegistryAuthMode.Token;
}
