namespace Slipway.Tests.Infra.Registry;

/// <summary>A request as the proxy saw it: method, path and query, headers.</summary>
public sealed record ProxiedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers);
