using System.Globalization;
using System.Text;
using Slipway.Diagnostics;

namespace Slipway.Gates;

/// <summary>Every user-facing message about scanner reports, ignore files and the values given to commands, in one place.</summary>
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

    public static SlipwayException PlatformInvalid(string what, string platform, string reason) =>
        SlipwayException.Input(
            ErrorCode.CommandPlatformInvalid,
            $"{what}: the image index names platform '{Printable(platform)}', which {reason}; no command was run with it",
            "the platform comes from the image index: fix the build that produced it");

    public static SlipwayException ImageInvalid(string image, string reason) =>
        SlipwayException.Input(
            ErrorCode.CommandImageInvalid,
            $"image name '{Printable(image)}' {reason}; no command was run with it");

    public static SlipwayException TemplateInvalid(string template, string reason) =>
        SlipwayException.Input(ErrorCode.InvalidTemplate, $"command '{Printable(template)}' {reason}");

    /// <summary>Backslashes doubled, control and format characters as <c>\xNN</c> or <c>\uNNNN</c>, at most 200 characters: the value is someone else's data.</summary>
    private static string Printable(string value)
    {
        var builder = new StringBuilder();
        foreach (var c in value.Length > 200 ? value[..200] : value)
        {
            if (c == '\\')
            {
                builder.Append(@"\\");
            }
            else if (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                builder.Append(c < 0x100 ? @"\x" : @"\u").Append(((int)c).ToString(c < 0x100 ? "x2" : "x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return value.Length > 200 ? builder.Append('…').ToString() : builder.ToString();
    }
}
