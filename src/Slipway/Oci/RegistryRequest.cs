namespace Slipway.Oci;

/// <summary>One request to a registry's <c>/v2/</c> API, with what it needs for authentication and retries.</summary>
internal sealed record RegistryRequest(HttpMethod Method, ImageReference Repository, string PathOrUri, string Actions)
{
    public IReadOnlyList<string> Accept { get; init; } = [];

    /// <summary>Builds the body afresh for each attempt (a stream cannot be sent twice).</summary>
    public Func<HttpContent>? Content { get; init; }

    /// <summary>Scopes besides this repository's (a cross-repository mount reads the source repository).</summary>
    public IReadOnlyList<string> ExtraScopes { get; init; } = [];

    /// <summary>Only idempotent requests are retried after a 5xx, a timeout or a reset connection.</summary>
    public bool Idempotent { get; init; } = true;

    public string Scope => $"repository:{Repository.Repository}:{Actions}";
}
