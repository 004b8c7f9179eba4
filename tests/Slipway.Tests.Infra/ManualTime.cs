namespace Slipway.Tests.Infra;

/// <summary>A clock the test moves by hand, to expire leases without waiting. Timers are not faked: it only tells the time.</summary>
public sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public void Advance(TimeSpan by) => _now += by;

    public override DateTimeOffset GetUtcNow() => _now;
}
