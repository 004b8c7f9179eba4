using System.Text.RegularExpressions;
using Slipway.Oci;

namespace Slipway.Configuration;

/// <summary>
/// <c>[ci.github]</c>: the runner of every job (<c>runs-on</c>) and of each platform's build
/// (<c>[ci.github.platforms] "linux/arm64" = { runs-on = "ubuntu-24.04-arm" }</c>), each job's <c>timeout-minutes</c>,
/// the GitHub environment that gates the approval (<c>approval-environment</c>; without it the approval job waits for
/// <c>slipway approve</c>) and how long that job may wait (<c>approval-timeout-minutes</c>), and the Slipway action the
/// jobs use (<c>action = "OWNER/REPO@SHA"</c>, or <c>./PATH</c> for a copy inside the repository).
/// </summary>
public sealed partial record CiGitHubSection(
    string RunsOn,
    int TimeoutMinutes,
    string? ApprovalEnvironment,
    int ApprovalTimeoutMinutes,
    string? Action,
    IReadOnlyDictionary<string, string> PlatformRunsOn)
{
    public const string DefaultRunsOn = "ubuntu-latest";
    public const int DefaultTimeoutMinutes = 30;

    /// <summary>GitHub-hosted runners stop a job after six hours; waiting longer for an approval cannot be expressed.</summary>
    public const int MaxTimeoutMinutes = 360;

    public static CiGitHubSection Default { get; } =
        new(DefaultRunsOn, DefaultTimeoutMinutes, null, MaxTimeoutMinutes, null, new Dictionary<string, string>(StringComparer.Ordinal));

    internal static CiGitHubSection Read(ConfigTable? table)
    {
        if (table is null)
        {
            return Default;
        }

        var runsOn = ReadRunner(table, "runs-on") ?? DefaultRunsOn;
        var timeout = ReadMinutes(table, "timeout-minutes") ?? DefaultTimeoutMinutes;
        var environment = table.GetString("approval-environment");
        if (environment is not null && !EnvironmentName().IsMatch(environment))
        {
            throw table.Invalid("approval-environment", $"is '{environment}'; a GitHub environment name is letters, digits, '_', '.', '-' and spaces, at most 255 characters");
        }

        var approvalTimeout = ReadMinutes(table, "approval-timeout-minutes") ?? MaxTimeoutMinutes;
        var action = table.GetString("action");
        if (action is not null && !ActionReference().IsMatch(action) && !LocalAction().IsMatch(action))
        {
            throw table.Invalid("action", $"is '{action}'; write OWNER/REPO@SHA with the full 40-hex commit (a tag or branch can move) or ./PATH for an action inside the repository");
        }

        var platforms = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (table.GetTable("platforms") is { } entries)
        {
            foreach (var key in entries.Keys)
            {
                if (!PlatformSpecifier.TryParse(key, out var platform, out var error))
                {
                    throw entries.Invalid(key, $"names platform '{key}', which {error}");
                }

                var entry = entries.GetTable(key) ?? throw entries.WrongType(key, "a table like { runs-on = \"ubuntu-24.04-arm\" }", null);
                var runner = ReadRunner(entry, "runs-on") ?? throw entry.MissingOrMisspelt("runs-on");
                entry.EnsureNoUnknownKeys();
                if (!platforms.TryAdd(ImageSection.PlatformKey(platform), runner))
                {
                    throw entries.Invalid(key, $"names platform {platform} twice");
                }
            }
        }

        table.EnsureNoUnknownKeys();
        return new CiGitHubSection(runsOn, timeout, environment, approvalTimeout, action, platforms);
    }

    private static string? ReadRunner(ConfigTable table, string key)
    {
        var runner = table.GetString(key);
        if (runner is not null && !RunnerLabel().IsMatch(runner))
        {
            throw table.Invalid(key, $"is '{runner}'; a runner label is letters, digits, '_', '.', '-' (for example ubuntu-latest or ubuntu-24.04-arm)");
        }

        return runner;
    }

    private static int? ReadMinutes(ConfigTable table, string key)
    {
        var minutes = table.GetInteger(key);
        if (minutes is { } value && value is < 1 or > MaxTimeoutMinutes)
        {
            throw table.Invalid(key, $"is {value}; write a number of minutes from 1 to {MaxTimeoutMinutes}");
        }

        return (int?)minutes;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RunnerLabel();

    [GeneratedRegex(@"^[A-Za-z0-9_.-][A-Za-z0-9_. -]{0,254}\z", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentName();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9_.-]{1,100}(/[A-Za-z0-9_.-]+)*@[0-9a-f]{40}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ActionReference();

    [GeneratedRegex(@"^\./([A-Za-z0-9_.-]+/)*[A-Za-z0-9_.-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex LocalAction();
}
