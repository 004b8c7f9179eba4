namespace Slipway.Cli.Web;

/// <summary>Who sent a request (null name: no one signed in), whether they may decide, the CSRF token their forms carry, how they signed in.</summary>
internal sealed record Caller(string? Name, bool IsApprover, string? Csrf, string Via)
{
    public static readonly Caller Anonymous = new(null, false, null, "anonymous");
}
