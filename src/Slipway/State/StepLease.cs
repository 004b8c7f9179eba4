namespace Slipway.State;

/// <summary>A runner's claim on a step: whose it is (<see cref="Token"/>), who that is for people, and until when it holds unless renewed.</summary>
public sealed record StepLease(string Token, string Holder, DateTimeOffset Expires)
{
    public bool IsLive(DateTimeOffset now) => Expires > now;
}
