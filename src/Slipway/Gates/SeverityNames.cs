namespace Slipway.Gates;

/// <summary>Severity names as scanners and the configuration write them (<c>CRITICAL</c>, <c>high</c>).</summary>
public static class SeverityNames
{
    public static bool TryParse(string? text, out Severity severity)
    {
        severity = text?.Trim().ToUpperInvariant() switch
        {
            "CRITICAL" => Severity.Critical,
            "HIGH" => Severity.High,
            "MEDIUM" or "MODERATE" => Severity.Medium,
            "LOW" or "NEGLIGIBLE" => Severity.Low,
            "UNKNOWN" => Severity.Unknown,
            _ => (Severity)(-1),
        };
        return (int)severity >= 0;
    }

    public static Severity ParseOrUnknown(string? text) => TryParse(text, out var severity) ? severity : Severity.Unknown;

    public static Severity Parse(string text) => TryParse(text, out var severity) ? severity : throw GateErrors.UnknownSeverity(text);

    public static string Format(Severity severity) => severity.ToString().ToUpperInvariant();
}
