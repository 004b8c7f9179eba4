namespace Slipway.Changelog.Jinja;

/// <summary>Python's <c>range</c>: a lazy sequence of integers, printed as <c>range(start, stop[, step])</c>.</summary>
internal sealed record JinjaRange(long Start, long Stop, long Step)
{
    public long Count =>
        Step > 0 ? Math.Max(0, ((Stop - Start) + Step - 1) / Step) : Math.Max(0, ((Start - Stop) + (-Step) - 1) / -Step);

    public long this[long index] => Start + (index * Step);
}
