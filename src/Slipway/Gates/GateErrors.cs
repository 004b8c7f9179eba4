using Slipway.Diagnostics;

namespace Slipway.Gates;

/// <summary>Every user-facing message about scanner reports and ignore files, in one place.</summary>
internal static class GateErrors
{
    public static SlipwayException UnknownReport(string source) =>
        SlipwayException.Failure(
            ErrorCode.ScanReportUnreadable,
            $"{source}: the scanner's output is neither Trivy JSON nor SARIF 2.1",
            "make the scan command print 'trivy image --format json' or '--format sarif' output on stdout");

    public static SlipwayException InvalidReport(string source, string reason) =>
        SlipwayException.Failure(ErrorCode.ScanReportUnreadable, $"{source}: cannot read the scanner's report: {reason}");

    public static SlipwayException InvalidIgnoreLine(string file, int line, string reason) =>
        SlipwayException.Input(ErrorCode.ScanIgnoreFileInvalid, $"{file}:{line}: {reason}");

    public static SlipwayException UnknownSeverity(string value) =>
        SlipwayException.Input(ErrorCode.ScanSeverityUnknown, $"unknown severity '{value}' (known: CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN)");
}
