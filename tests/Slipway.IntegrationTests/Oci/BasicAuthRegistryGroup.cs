using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Oci;

[CollectionDefinition(Name)]
public sealed class BasicAuthRegistryGroup : ICollectionFixture<BasicAuthRegistry>
{
    public const string Name = "registry (htpasswd)";
}
