namespace Slipway.Packages.PyPI;

/// <summary>The standard reason phrases (RFC 9110): a reason phrase that is one of them carries no message of the index's own.</summary>
internal static class ReasonPhrases
{
    public static string? For(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        410 => "Gone",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => null,
    };
}
