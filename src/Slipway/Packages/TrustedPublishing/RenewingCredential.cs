using Slipway.Diagnostics;

namespace Slipway.Packages.TrustedPublishing;

/// <summary>
/// A minted token reused until it nears its expiry, then minted again from a fresh ID token (each ID token is exchanged
/// once: PyPI and NuGet refuse a reused one). Every minted token is a secret from the moment it is read.
/// </summary>
public abstract class RenewingCredential : IPackageCredential, IDisposable
{
    // twine re-mints a PyPI token when less than 5 minutes remain (twine/auth.py TOKEN_RENEWAL_THRESHOLD).
    internal static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ExchangedToken? _current;

    protected RenewingCredential(ActionsIdTokenSource idTokens, HttpClient http, SecretRedactor redactor, TimeProvider time)
    {
        IdTokens = idTokens ?? throw new ArgumentNullException(nameof(idTokens));
        Http = http ?? throw new ArgumentNullException(nameof(http));
        Redactor = redactor ?? throw new ArgumentNullException(nameof(redactor));
        Time = time ?? throw new ArgumentNullException(nameof(time));
    }

    protected ActionsIdTokenSource IdTokens { get; }

    protected HttpClient Http { get; }

    protected SecretRedactor Redactor { get; }

    protected TimeProvider Time { get; }

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is null || _current.ExpiresAt - Time.GetUtcNow() < RenewBefore)
            {
                _current = await ExchangeAsync(cancellationToken);
                Redactor.Register(_current.Value);
            }

            return _current.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }
    }

    private protected abstract Task<ExchangedToken> ExchangeAsync(CancellationToken cancellationToken);
}
