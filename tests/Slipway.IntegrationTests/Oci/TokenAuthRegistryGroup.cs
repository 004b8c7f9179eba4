using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Oci;

[CollectionDefinition(Name)]
public sealed class TokenAuthRegistryGroup : ICollectionFixture<TokenAuthRegistry>
{
    public const string Name = "registry (token)";
}
