namespace Slipway.Gates;

/// <summary>Vulnerability severity, ordered so that a higher value is worse.</summary>
public enum Severity
{
    Unknown = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}
