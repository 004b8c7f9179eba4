using System.Collections.Concurrent;

namespace Slipway.Cli.Web;

/// <summary>
/// Sign-in attempts per source address: after <see cref="MaxFailures"/> failures in <see cref="Window"/> the address
/// is refused until the window passes, so a token cannot be guessed at network speed.
/// </summary>
internal sealed class LoginThrottle(TimeProvider time)
{
    public const int MaxFailures = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Since)> _failures = new(StringComparer.Ordinal);

    public bool IsBlocked(string source) =>
        _failures.TryGetValue(source, out var entry) && entry.Failures >= MaxFailures && time.GetUtcNow() - entry.Since < Window;

    public void Failed(string source) =>
        _failures.AddOrUpdate(
            source,
            _ => (1, time.GetUtcNow()),
            (_, entry) => time.GetUtcNow() - entry.Since >= Window ? (1, time.GetUtcNow()) : (entry.Failures + 1, entry.Since));

    public void Succeeded(string source) => _failures.TryRemove(source, out _);
}
