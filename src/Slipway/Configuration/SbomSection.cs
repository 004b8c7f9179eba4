using Slipway.Signing;

namespace Slipway.Configuration;

/// <summary>
/// <c>[sbom]</c>: the command that writes one SBOM to stdout (with <c>{image}</c>, <c>{digest}</c>, <c>{platform}</c>),
/// and its floor: <c>min-packages</c> (hard floor), <c>previous-percent</c> of the previous release's count, capped at
/// <c>floor-cap</c>.
/// </summary>
public sealed record SbomSection(string? Command, int MinPackages, int PreviousPercent, int FloorCap)
{
    public static SbomSection Default { get; } = new(null, SbomFloor.DefaultHardFloor, SbomFloor.DefaultPreviousPercent, SbomFloor.DefaultCap);

    public SbomFloor Floor(int? previousCount) => SbomFloor.Compute(MinPackages, previousCount, PreviousPercent, FloorCap);

    internal static SbomSection Read(ConfigTable? table)
    {
        if (table is null)
        {
            return Default;
        }

        var command = table.GetString("command");
        if (command is not null && command.Trim().Length == 0)
        {
            throw table.Invalid("command", "must not be empty");
        }

        if (command is not null && !SbomCommand.TryParseTemplate(command, out var templateError))
        {
            throw table.Invalid("command", templateError);
        }

        var minimum = ReadCount(table, "min-packages", SbomFloor.DefaultHardFloor, 0, int.MaxValue);
        var percent = ReadCount(table, "previous-percent", SbomFloor.DefaultPreviousPercent, 0, 100);
        var cap = ReadCount(table, "floor-cap", SbomFloor.DefaultCap, 0, int.MaxValue);
        table.EnsureNoUnknownKeys();
        return new SbomSection(command, minimum, percent, cap);
    }

    private static int ReadCount(ConfigTable table, string key, int fallback, int minimum, int maximum)
    {
        var value = table.GetInteger(key) ?? fallback;
        if (value < minimum || value > maximum)
        {
            throw table.Invalid(key, $"must be between {minimum} and {maximum}");
        }

        return (int)value;
    }
}
