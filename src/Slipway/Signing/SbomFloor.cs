using System.Globalization;

namespace Slipway.Signing;

/// <summary>
/// The fewest packages an SBOM may list before Slipway calls it truncated:
/// <c>max(hard floor, min(percent% of the previous release's count, cap))</c>, or the hard floor alone when no previous
/// count is known.
/// </summary>
public sealed record SbomFloor(int Minimum, string Reason)
{
    public const int DefaultHardFloor = 50;
    public const int DefaultPreviousPercent = 80;
    public const int DefaultCap = 2000;

    public static SbomFloor Compute(int hardFloor, int? previousCount, int previousPercent = DefaultPreviousPercent, int cap = DefaultCap)
    {
        var reason = string.Create(CultureInfo.InvariantCulture, $"hard floor {hardFloor}");
        if (previousCount is not { } previous)
        {
            return new SbomFloor(hardFloor, reason);
        }

        var relative = (int)Math.Min(Math.Ceiling(previous * previousPercent / 100.0), cap);
        return relative > hardFloor
            ? new SbomFloor(relative, string.Create(CultureInfo.InvariantCulture, $"{previousPercent}% of the previous release's {previous}, capped at {cap}"))
            : new SbomFloor(hardFloor, reason);
    }

    public bool Admits(int count) => count >= Minimum;
}
