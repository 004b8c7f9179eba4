using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Oci;

[Collection(AnonymousRegistryGroup.Name)]
public sealed class AnonymousRegistryClientTests(AnonymousRegistry server) : RegistryClientContract(server);
