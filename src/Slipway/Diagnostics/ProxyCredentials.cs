namespace Slipway.Diagnostics;

/// <summary>
/// The credentials in the proxy variables .NET's HTTP stack reads (<c>HTTPS_PROXY=http://user:pass@host:port</c>,
/// <c>HTTP_PROXY</c>, <c>ALL_PROXY</c>, and their lower-case forms). They are registered as secrets when the process
/// starts: Slipway never uses them itself, but the HTTP client's errors quote the proxy URL.
/// </summary>
public static class ProxyCredentials
{
    public static readonly IReadOnlyList<string> Variables =
        ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"];

    public static void Register(IEnvironment environment, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(redactor);
        foreach (var variable in Variables)
        {
            if (environment.GetVariable(variable) is { } value && TryGetUserInfo(value, out var userInfo))
            {
                var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
                var password = colon < 0 ? null : userInfo[(colon + 1)..];
                redactor.Register(userInfo);
                redactor.Register(Uri.UnescapeDataString(userInfo));
                redactor.Register(password);
                redactor.Register(password is null ? null : Uri.UnescapeDataString(password));
            }
        }
    }

    /// <summary>The user info of a proxy URL, with or without a scheme (<c>user:pass@host:3128</c> is accepted too).</summary>
    public static bool TryGetUserInfo(string url, out string userInfo)
    {
        ArgumentNullException.ThrowIfNull(url);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var authority = scheme < 0 ? url : url[(scheme + 3)..];
        var end = authority.IndexOfAny(['/', '?', '#']);
        if (end >= 0)
        {
            authority = authority[..end];
        }

        var at = authority.LastIndexOf('@');
        userInfo = at <= 0 ? string.Empty : authority[..at];
        return userInfo.Length > 0;
    }
}
