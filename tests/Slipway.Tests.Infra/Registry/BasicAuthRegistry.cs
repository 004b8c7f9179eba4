namespace Slipway.Tests.Infra.Registry;

public sealed class BasicAuthRegistry : RegistryServer
{
    protected override RegistryAuthMode Mode => RegistryAuthMode.Basic;
}
