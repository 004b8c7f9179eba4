using Slipway.Diagnostics;

namespace Slipway.Oci;

/// <summary>How a <see cref="RegistryClient"/> reaches registries. Everything that touches the outside is injectable.</summary>
public sealed record RegistryClientOptions
{
    public ICredentialProvider Credentials { get; init; } = StaticCredentialProvider.Empty;

    /// <summary>Hosts (with port) allowed over plain HTTP besides localhost and 127.0.0.0/8.</summary>
    public IReadOnlySet<string> InsecureRegistries { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The handler under the client; tests pass their own, the CLI a pooled <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? Handler { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Attempts for an idempotent request that met a 5xx, a timeout or a reset connection.</summary>
    public int MaxAttempts { get; init; } = 4;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Blobs larger than this are uploaded in PATCH chunks of this size; null uploads every blob in one PUT.</summary>
    public long? ChunkSize { get; init; }

    /// <summary>Blob uploads and manifest writes in flight at once.</summary>
    public int Concurrency { get; init; } = 6;

    /// <summary>The host that serves Docker Hub's <c>/v2/</c> API for <c>docker.io</c> references; tests point it at a local registry.</summary>
    public string DockerHubRegistry { get; init; } = "registry-1.docker.io";

    /// <summary>Docker Hub's own API (tag deletion); tests point it at a local endpoint.</summary>
    public Uri DockerHubApi { get; init; } = new("https://hub.docker.com/");

    /// <summary>Secrets met on the way (tokens) are registered here so they never reach output.</summary>
    public SecretRedactor? Redactor { get; init; }

    /// <summary>Counts every HTTP request sent, for benchmarks and tests.</summary>
    public Action<HttpRequestMessage>? OnRequest { get; init; }
}
