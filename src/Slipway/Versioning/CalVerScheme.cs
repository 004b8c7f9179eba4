using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Slipway.Versioning;

/// <summary>
/// Calendar versioning (https://calver.org) with a format of dot-separated fields: <c>YYYY</c> (2026), <c>YY</c> (26,
/// years since 2000), <c>0Y</c> (06), <c>MM</c> (1–12), <c>0M</c> (01–12), <c>WW</c>/<c>0W</c> (week), <c>DD</c>/<c>0D</c>
/// (day), and <c>MAJOR</c>, <c>MINOR</c>, <c>MICRO</c> counters. A version may end in <c>-MODIFIER</c>
/// (<c>2026.11.0-rc.1</c>): that is a prerelease, below the same version without it.
/// </summary>
public sealed class CalVerScheme : IVersionScheme
{
    public const string DefaultFormat = "YYYY.MM.MICRO";

    private static readonly string[] Tokens = ["YYYY", "YY", "0Y", "MM", "0M", "WW", "0W", "DD", "0D", "MAJOR", "MINOR", "MICRO"];

    private readonly string[] _fields;

    private CalVerScheme(string format, string[] fields)
    {
        Format = format;
        _fields = fields;
    }

    public string Format { get; }

    /// <summary>The format's fields in order (<c>YYYY</c>, <c>MM</c>, <c>MICRO</c>).</summary>
    public IReadOnlyList<string> Fields => _fields;

    public string Name => "calver";

    public string Title => $"CalVer {Format}";

    public string Hint => $"write the fields of {Format}, optionally -MODIFIER, for example {Example()}";

    public static bool TryCreate(string format, [NotNullWhen(true)] out CalVerScheme? scheme, out string reason)
    {
        ArgumentNullException.ThrowIfNull(format);
        scheme = null;
        var fields = format.Split('.');
        var unknown = fields.FirstOrDefault(f => !Tokens.Contains(f, StringComparer.Ordinal));
        if (unknown is not null)
        {
            reason = $"has an unknown field '{unknown}' (known: {string.Join(", ", Tokens)}, separated by '.')";
            return false;
        }

        reason = string.Empty;
        scheme = new CalVerScheme(format, fields);
        return true;
    }

    public bool TryParse(string? text, [NotNullWhen(true)] out ProjectVersion? version, out string reason)
    {
        version = null;
        if (string.IsNullOrEmpty(text))
        {
            reason = "is empty";
            return false;
        }

        var core = text;
        if (!SemanticVersion.SplitSuffix(ref core, '-', numericMustNotHaveLeadingZero: true, "an invalid modifier", out var modifier, out reason))
        {
            return false;
        }

        var parts = core.Split('.');
        if (parts.Length != _fields.Length)
        {
            reason = $"must have {_fields.Length} fields {Format}";
            return false;
        }

        var numbers = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!Field(_fields[i], parts[i], out numbers[i], out reason))
            {
                return false;
            }
        }

        version = new CalendarVersion(text, numbers, modifier);
        reason = string.Empty;
        return true;
    }

    private static bool Field(string field, string part, out int value, out string reason)
    {
        value = 0;
        if (part.Length == 0 || !part.All(char.IsAsciiDigit)
            || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            reason = $"has '{part}' where {field} needs a number";
            return false;
        }

        var padded = field[0] == '0';
        var wrongWidth = padded
            ? part.Length < 2 || (field != "0Y" && part.Length != 2)
            : part.Length > 1 && part[0] == '0';
        if (wrongWidth)
        {
            reason = padded ? $"has '{part}' where {field} needs two digits" : $"has a leading zero in '{part}' ({field} is not zero-padded)";
            return false;
        }

        (int Min, int Max) range = field switch
        {
            "YYYY" => (1000, 9999),
            "MM" or "0M" => (1, 12),
            "WW" or "0W" => (0, 53),
            "DD" or "0D" => (1, 31),
            _ => (0, int.MaxValue),
        };
        if (value < range.Min || value > range.Max)
        {
            reason = $"has '{part}' where {field} must be {range.Min}–{range.Max}";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private string Example() => string.Join('.', _fields.Select(f => f switch
    {
        "YYYY" => "2026",
        "YY" => "26",
        "0Y" => "26",
        "MM" => "11",
        "0M" => "11",
        "WW" or "0W" => "45",
        "DD" or "0D" => "14",
        "MAJOR" => "1",
        _ => "0",
    }));
}
