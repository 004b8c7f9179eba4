using Slipway.Diagnostics;

namespace Slipway.Forges.GitHub;

/// <summary>A GitHub error answer, read once: status, <c>message</c> with <c>errors[]</c>, and the error codes (<c>already_exists</c>).</summary>
internal sealed record GitHubError(HttpMethod Method, Uri Url, int Status, string Message, IReadOnlyList<string> Codes)
{
    public bool Has(string code) => Codes.Contains(code, StringComparer.Ordinal);

    public SlipwayException ToException() => Status is 401 or 403
        ? ForgeErrors.Unauthorized(Method, Url, Status, Message)
        : ForgeErrors.RequestFailed(Method, Url, Status, Message);
}
