using Slipway.Oci;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Oci;

/// <summary>A test against a shared registry: its own temp folder and repository, the registry log attached on failure.</summary>
public abstract class RegistryTest(RegistryServer server, string prefix) : IDisposable
{
    protected TempDirectory Temp { get; } = new(prefix);

    protected RegistryFixture Registry => server.Registry;

    protected string Repository { get; } = prefix + "/" + Guid.NewGuid().ToString("N")[..10];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected async Task PushAsync(TestLayout layout, string tag, string? repository = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        using var client = Registry.CreateClient();
        await ImagePush.PushAsync(client, OciLayout.Open(layout.Path, TestContext.Current.CancellationToken), null, Registry.Reference(repository ?? Repository, tag), cancellationToken: Ct);
    }

    public void Dispose()
    {
        server.AttachLogIfFailed();
        Temp.Dispose();
        GC.SuppressFinalize(this);
    }
}
