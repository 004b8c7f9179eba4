namespace Slipway.Tests.Infra.Packages;

/// <summary>One request the capture endpoint received: method, path, headers and the whole body.</summary>
public sealed record CapturedUpload(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? ContentType => Headers.TryGetValue("Content-Type", out var value) ? value : null;
}
