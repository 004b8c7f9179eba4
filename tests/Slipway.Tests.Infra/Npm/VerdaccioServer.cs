using Xunit;

namespace Slipway.Tests.Infra.Npm;

/// <summary>One Verdaccio per test collection (<see cref="VerdaccioFixture"/>).</summary>
public sealed class VerdaccioServer : IAsyncLifetime
{
    private VerdaccioFixture? _fixture;

    public VerdaccioFixture Registry => _fixture ?? throw new InvalidOperationException("verdaccio has not started");

    public async ValueTask InitializeAsync() => _fixture = await VerdaccioFixture.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_fixture is not null)
        {
            await _fixture.DisposeAsync();
        }
    }
}
