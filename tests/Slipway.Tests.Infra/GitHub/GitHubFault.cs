namespace Slipway.Tests.Infra.GitHub;

/// <summary>What the local GitHub does instead of (or after) answering a matching request.</summary>
public enum GitHubFault
{
    /// <summary>502 without touching state.</summary>
    ServerError,

    /// <summary>403 with <c>Retry-After: 1</c> (a secondary rate limit) without touching state.</summary>
    SecondaryRateLimit,

    /// <summary>Does the work, then drops the connection: the client never hears it succeeded.</summary>
    LoseResponse,

    /// <summary>422 validation failed without touching state.</summary>
    Unprocessable,
}
