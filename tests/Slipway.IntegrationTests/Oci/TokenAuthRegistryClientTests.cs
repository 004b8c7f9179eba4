using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Oci;

[Collection(TokenAuthRegistryGroup.Name)]
public sealed class TokenAuthRegistryClientTests(TokenAuthRegistry server) : RegistryClientContract(server);
