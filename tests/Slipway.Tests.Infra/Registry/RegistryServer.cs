using Xunit;

namespace Slipway.Tests.Infra.Registry;

/// <summary>
/// A registry started once for a test collection (<c>ICollectionFixture&lt;AnonymousRegistry&gt;</c>) and stopped at its
/// end. Tests push to repositories of their own, so they do not see each other's tags.
/// </summary>
public abstract class RegistryServer : IAsyncLifetime
{
    private RegistryFixture? _registry;

    protected abstract RegistryAuthMode Mode { get; }

    public RegistryFixture Registry => _registry ?? throw new InvalidOperationException("the registry has not started");

    public async ValueTask InitializeAsync() => _registry = await RegistryFixture.StartAsync(Mode);

    public async ValueTask DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Called from a test class's dispose: attaches the registry log when the test failed.</summary>
    public void AttachLogIfFailed()
    {
        if (_registry is not null && TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            TestContext.Current.AddAttachment($"registry-{Mode}.log", _registry.Log);
            var tail = string.Join('\n', _registry.Log.Split('\n').TakeLast(40));
            Console.Error.WriteLine($"--- registry log ({Mode}, {_registry.Host}), last lines; the whole log is attached\n{tail}");
        }
    }
}
