using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Signing;

/// <summary>
/// tools/sigstore/services.mjs on a free 127.0.0.1 port: Fulcio, Rekor and a TSA built on @sigstore/mock, and an OIDC
/// issuer whose tokens <see cref="MintAsync"/> returns; its trusted_root.json names the keys it generated.
/// </summary>
public sealed class LocalSigstore : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("sigstore");
    private readonly HttpClient _http = new();
    private Process? _process;

    public Uri Url { get; private set; } = null!;

    public string Issuer { get; private set; } = null!;

    public string TrustedRoot => _directory["trusted_root.json"];

    public string Fulcio => Url + "fulcio";

    public string Rekor => Url + "rekor";

    public string Tsa => Url + "tsa";

    public async ValueTask InitializeAsync()
    {
        var tools = Path.Combine(RepositoryRoot.Path, "tools", "sigstore");
        if (!Directory.Exists(Path.Combine(tools, "node_modules", "@sigstore", "mock")))
        {
            throw new InvalidOperationException($"@sigstore/mock is not installed in {tools}: run scripts/setup (npm ci there)");
        }

        var start = new ProcessStartInfo("node") { WorkingDirectory = tools, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(tools, "services.mjs"), "--dir", _directory.Path })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null)
        {
            throw new InvalidOperationException($"services.mjs ended before it was ready: {await _process.StandardError.ReadToEndAsync(timeout.Token)}");
        }

        var ready = JsonNode.Parse(line)!.AsObject();
        Url = new Uri(ready["url"]!.GetValue<string>() + "/");
        Issuer = ready["issuer"]!.GetValue<string>();
    }

    /// <summary>A GitHub-shaped ID token of the local issuer; <paramref name="claims"/> set or override claims (aud, exp, repository, ...).</summary>
    public async Task<string> MintAsync(object? claims = null)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(Url, "oidc/token"), claims ?? new { }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
        return answer!["value"]!.GetValue<string>();
    }

    /// <summary>The <c>[signing]</c> table that signs keylessly against these services.</summary>
    public string SigningTable(bool timestamps = true) => $"""
        [signing]
        mode = "keyless"
        fulcio-url = "{Fulcio}"
        rekor-url = "{Rekor}"
        {(timestamps ? $"tsa-url = \"{Tsa}\"" : string.Empty)}
        """;

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _http.Dispose();
        _directory.Dispose();
    }
}
