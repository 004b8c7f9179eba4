using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Oci;

[CollectionDefinition(Name)]
public sealed class AnonymousRegistryGroup : ICollectionFixture<AnonymousRegistry>
{
    public const string Name = "registry (anonymous)";
}
