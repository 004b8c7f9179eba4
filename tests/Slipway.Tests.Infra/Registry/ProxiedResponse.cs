namespace Slipway.Tests.Infra.Registry;

/// <summary>A canned answer that replaces the registry's.</summary>
public sealed record ProxiedResponse(int Status, string Body = "", string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>Answers nothing for a while, then drops the request: a hung upstream, for client timeouts.</summary>
    public static ProxiedResponse Hang { get; } = new(0);

    public static ProxiedResponse Error(int status, string code, string message) =>
        new(status, $$"""{"errors":[{"code":"{{code}}","message":"{{message}}"}]}""");
}
