using Slipway.Configuration;

namespace Slipway.Forges.GitHub;

/// <summary>How a <see cref="GitHubClient"/> reaches one repository. Everything that touches the outside is injectable.</summary>
public sealed record GitHubClientOptions(Uri ApiUrl, Uri UploadUrl, GitHubRepository Repository, string? Token)
{
    /// <summary>The handler under the client; tests pass their own.</summary>
    public HttpMessageHandler? Handler { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Attempts for an idempotent request that met a 5xx or a reset connection.</summary>
    public int MaxAttempts { get; init; } = 4;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest a rate limit (<c>Retry-After</c>, <c>x-ratelimit-reset</c>) is waited out before giving up.</summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Rate-limited answers waited out per request before giving up.</summary>
    public int MaxRateLimitRetries { get; init; } = 5;

    /// <summary>Pages of 100 read from a list before refusing (a release list of 2,000 is 20 pages).</summary>
    public int MaxPages { get; init; } = 20;

    /// <summary>The cap of a JSON answer, applied while reading.</summary>
    public int MaxAnswerBytes { get; init; } = 16 * 1024 * 1024;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Counts every HTTP request sent, for benchmarks and tests.</summary>
    public Action<HttpRequestMessage>? OnRequest { get; init; }

    public static GitHubClientOptions From(ForgeSection forge, GitHubRepository repository, string? token)
    {
        ArgumentNullException.ThrowIfNull(forge);
        return new GitHubClientOptions(forge.ApiUrl, forge.UploadUrl, repository, token);
    }
}
