using System.Collections.Concurrent;

namespace Slipway.Oci;

/// <summary>What a client learnt about one registry host: how it authenticates, its credentials and tokens per scope.</summary>
internal sealed class RegistryHostState
{
    public AuthChallenge? Challenge { get; set; }

    public bool CredentialsLoaded { get; set; }

    public RegistryCredentials? Credentials { get; set; }

    public ConcurrentDictionary<string, BearerToken> Tokens { get; } = new(StringComparer.Ordinal);

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Whether a first request has told how this host authenticates (so concurrent first requests wait for it).</summary>
    public bool Probed { get; set; }

    public SemaphoreSlim ProbeGate { get; } = new(1, 1);

    /// <summary>
    /// Whether the host answered a referrers request 404: a registry with the API never does (spec.md "Listing
    /// Referrers"), so later listings go straight to the fallback tag instead of asking again for each digest.
    /// </summary>
    public bool NoReferrersApi { get; set; }
}
