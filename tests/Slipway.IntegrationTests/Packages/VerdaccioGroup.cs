using Slipway.Tests.Infra.Npm;

namespace Slipway.IntegrationTests.Packages;

[CollectionDefinition(Name)]
public sealed class VerdaccioGroup : ICollectionFixture<VerdaccioServer>
{
    public const string Name = "npm registry (verdaccio)";
}
