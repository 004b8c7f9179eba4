using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Slipway.Cli.Web;

/// <summary>A token's lifetime as <c>--expires</c> takes it: <c>30d</c>, <c>12h</c>, <c>90m</c>; 1 minute to 365 days.</summary>
internal static class TokenLifetime
{
    public static readonly TimeSpan Default = TimeSpan.FromDays(30);

    public static bool TryParse(string? text, [NotNullWhen(true)] out TimeSpan? lifetime)
    {
        lifetime = null;
        if (string.IsNullOrEmpty(text) || text.Length < 2
            || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            return false;
        }

        TimeSpan? value = text[^1] switch
        {
            'd' => TimeSpan.FromDays(count),
            'h' => TimeSpan.FromHours(count),
            'm' => TimeSpan.FromMinutes(count),
            _ => null,
        };
        if (value is not { } span || span > TimeSpan.FromDays(365))
        {
            return false;
        }

        lifetime = span;
        return true;
    }
}
