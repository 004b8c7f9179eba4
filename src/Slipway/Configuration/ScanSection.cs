using Slipway.Gates;
using Slipway.Signing;

namespace Slipway.Configuration;

/// <summary>
/// <c>[scan]</c>: the scanner command (with <c>{image}</c>, <c>{digest}</c>, <c>{platform}</c>; Trivy JSON or SARIF on
/// stdout), the severities that block, whether findings without a fix are let through, an ignore file in
/// <c>.trivyignore</c> format, and whether promote-images scans again after the approval (default: yes).
/// </summary>
public sealed record ScanSection(string Command, IReadOnlyList<Severity> FailOn, bool IgnoreUnfixed, string? IgnoreFile, bool Rescan)
{
    public static readonly IReadOnlyList<string> DefaultFailOn = ["CRITICAL", "HIGH"];

    internal static ScanSection? Read(ConfigTable? table)
    {
        if (table is null)
        {
            return null;
        }

        var command = table.GetRequiredString("command");
        if (command.Trim().Length == 0)
        {
            throw table.Invalid("command", "must not be empty");
        }

        if (!SbomCommand.TryParseTemplate(command, out var templateError))
        {
            throw table.Invalid("command", templateError);
        }

        var failOn = new List<Severity>();
        foreach (var name in table.GetStringArray("fail-on") ?? DefaultFailOn)
        {
            if (!SeverityNames.TryParse(name, out var severity))
            {
                throw table.Invalid("fail-on", $"'{name}' is not a severity (CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN)");
            }

            failOn.Add(severity);
        }

        var ignoreUnfixed = table.GetBoolean("ignore-unfixed") ?? false;
        var ignoreFile = table.GetString("ignore-file");
        if (ignoreFile is not null && ignoreFile.Length == 0)
        {
            throw table.Invalid("ignore-file", "must not be empty");
        }

        var rescan = table.GetBoolean("rescan") ?? true;
        table.EnsureNoUnknownKeys();
        return new ScanSection(command, [.. failOn.Distinct()], ignoreUnfixed, ignoreFile, rescan);
    }
}
