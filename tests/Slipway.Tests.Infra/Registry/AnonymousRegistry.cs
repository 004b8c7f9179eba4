namespace Slipway.Tests.Infra.Registry;

public sealed class AnonymousRegistry : RegistryServer
{
    protected override RegistryAuthMode Mode => RegistryAuthMode.Anonymous;
}
