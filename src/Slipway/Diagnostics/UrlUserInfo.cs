using System.Text.RegularExpressions;

namespace Slipway.Diagnostics;

/// <summary>
/// Removes the user info (<c>user:password@</c>) from every URL in a message. .NET's HTTP errors quote the proxy URL as
/// configured (<c>The proxy tunnel request to proxy 'http://user:pass@proxy:3128/' failed</c>), and so can any URL a
/// remote or a configuration names; every <see cref="SlipwayException"/> passes its text through here.
/// </summary>
public static partial class UrlUserInfo
{
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains('@', StringComparison.Ordinal) ? UserInfo().Replace(text, "${scheme}") : text;
    }

    // RFC 3986 §3.2.1: the user info ends at the last '@' before the path, query or fragment; quotes and spaces end a URL in prose.
    [GeneratedRegex(@"(?<scheme>\b[A-Za-z][A-Za-z0-9+.\-]*://)[^\s/?#'""<>]*@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();
}
