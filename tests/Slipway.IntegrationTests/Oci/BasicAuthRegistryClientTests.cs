using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Oci;

[Collection(BasicAuthRegistryGroup.Name)]
public sealed class BasicAuthRegistryClientTests(BasicAuthRegistry server) : RegistryClientContract(server);
