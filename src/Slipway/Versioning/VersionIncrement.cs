using System.Globalization;
using System.Text;

namespace Slipway.Versioning;

/// <summary>
/// The version a bump leads to, by the scheme's rules (the README's "bump" section lists them with examples). Common to
/// all: <c>major</c>/<c>minor</c>/<c>patch</c> of a prerelease whose lower numbers are already zero release it
/// (<c>2.0.0-rc.1</c> + <c>major</c> → <c>2.0.0</c>, as npm's semver does); <c>pre</c> continues a prerelease of the
/// same label or starts one on the next patch; <c>release</c> drops the prerelease; and the result must be greater
/// than the current version, an exact version included.
/// </summary>
public static class VersionIncrement
{
    public static ProjectVersion Next(IVersionScheme scheme, ProjectVersion current, VersionBump bump, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(bump);
        string text;
        if (bump.Kind == BumpKind.Exact)
        {
            text = bump.Exact!;
        }
        else
        {
            if (bump.Kind == BumpKind.Revision && current is not NuGetVersion)
            {
                throw VersionErrors.BumpNotApplicable(current, bump, $"only NuGet versions have a fourth number (this project's scheme is {scheme.Name})");
            }

            if (bump.Kind == BumpKind.Release && !current.IsPrerelease)
            {
                throw VersionErrors.BumpNotApplicable(current, bump, "it is not a prerelease: there is nothing to release (name the next version, or bump patch)");
            }

            text = current switch
            {
                SemanticVersion s => Dotted(s.Major, s.Minor, s.Patch, 0, s.Prerelease, bump, fourNumbers: false),
                NuGetVersion n => Dotted(n.Major, n.Minor, n.Patch, n.Revision, n.Prerelease, bump, fourNumbers: true),
                Pep440Version p => Pep440(p, bump),
                CalendarVersion c when scheme is CalVerScheme calver => Calendar(calver, c, bump, today),
                _ => throw new ArgumentException($"no bump rules for a {current.SchemeName} version under {scheme.Name}", nameof(current)),
            };
        }

        if (!scheme.TryParse(text, out var next, out var reason))
        {
            throw VersionErrors.Refused(scheme, $"bump {bump}", text, reason);
        }

        return next > current ? next : throw VersionErrors.NotGreater(current, next, bump);
    }

    // SemVer and NuGet: numbers and a dot-separated prerelease; NuGet has a fourth number.
    private static string Dotted(int major, int minor, int patch, int revision, string prerelease, VersionBump bump, bool fourNumbers)
    {
        var pre = prerelease.Length > 0;
        int[] numbers = bump.Kind switch
        {
            BumpKind.Major => pre && minor == 0 && patch == 0 && revision == 0 ? [major, 0, 0, 0] : [major + 1, 0, 0, 0],
            BumpKind.Minor => pre && patch == 0 && revision == 0 ? [major, minor, 0, 0] : [major, minor + 1, 0, 0],
            BumpKind.Patch => pre && revision == 0 ? [major, minor, patch, 0] : [major, minor, patch + 1, 0],
            BumpKind.Revision => pre ? [major, minor, patch, revision] : [major, minor, patch, revision + 1],
            BumpKind.Pre when !pre => revision != 0 ? [major, minor, patch, revision + 1] : [major, minor, patch + 1, 0],
            _ => [major, minor, patch, revision],
        };
        var label = bump.Kind == BumpKind.Pre ? NextLabel(prerelease, bump.PreId, separator: '.') : string.Empty;
        var core = string.Join('.', numbers.Take(fourNumbers && numbers[3] != 0 ? 4 : 3));
        return label.Length > 0 ? $"{core}-{label}" : core;
    }

    // "rc.1" + rc → "rc.2"; "beta.2" + rc → "rc.1"; none → "rc.1". The order check catches a label that goes back.
    private static string NextLabel(string prerelease, string id, char separator)
    {
        var parts = prerelease.Split(separator);
        if (parts.Length == 2 && string.Equals(parts[0], id, StringComparison.OrdinalIgnoreCase)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number < int.MaxValue)
        {
            return $"{parts[0]}{separator}{number + 1}";
        }

        return $"{id}{separator}1";
    }

    private static string Pep440(Pep440Version version, VersionBump bump)
    {
        var release = version.Release.ToList();
        // A prerelease of its release: a/b/rc, or a dev release that is not one of a post-release.
        var preOfRelease = version.PreLabel is not null || (version.Dev is not null && version.Post is null);
        string? preLabel = null;
        var preNumber = 0;
        int? post = null;
        int? dev = null;
        switch (bump.Kind)
        {
            case BumpKind.Major or BumpKind.Minor or BumpKind.Patch:
                var level = bump.Kind == BumpKind.Major ? 0 : bump.Kind == BumpKind.Minor ? 1 : 2;
                Pad(release, level + 1);
                if (!(preOfRelease && release.Skip(level + 1).All(n => n == 0) && release.Take(level + 1).Any(n => n != 0)))
                {
                    Increment(release, level);
                }

                break;
            case BumpKind.Pre:
                var id = Pep440PreId(bump.PreId) ?? throw VersionErrors.BumpNotApplicable(
                    version, bump, $"PEP 440 prereleases are a, b, rc or dev, not '{bump.PreId}'");
                if (id == "dev")
                {
                    (preLabel, preNumber, post) = (version.PreLabel, version.PreNumber, version.Post);
                    if (version.Dev is { } current)
                    {
                        dev = current + 1;
                    }
                    else if (version.PreLabel is not null)
                    {
                        preNumber++;
                        dev = 0;
                    }
                    else
                    {
                        (post, dev) = (null, 0);
                        NextPatch(release);
                    }
                }
                else if (version.PreLabel == id)
                {
                    // 1.2.1rc1.dev3 comes before 1.2.1rc1: its next prerelease is 1.2.1rc1.
                    (preLabel, preNumber) = (id, version.Dev is null ? version.PreNumber + 1 : version.PreNumber);
                }
                else
                {
                    (preLabel, preNumber) = (id, 1);
                    if (!preOfRelease)
                    {
                        NextPatch(release);
                    }
                }

                break;
            case BumpKind.Release:
                post = version.PreLabel is null ? version.Post : null;
                break;
        }

        var text = new StringBuilder();
        if (version.Epoch != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{version.Epoch}!");
        }

        text.AppendJoin('.', release);
        if (preLabel is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"{preLabel}{preNumber}");
        }

        if (post is { } p)
        {
            text.Append(CultureInfo.InvariantCulture, $".post{p}");
        }

        if (dev is { } d)
        {
            text.Append(CultureInfo.InvariantCulture, $".dev{d}");
        }

        return text.ToString();
    }

    private static string? Pep440PreId(string id) => id.ToLowerInvariant() switch
    {
        "a" or "alpha" => "a",
        "b" or "beta" => "b",
        "rc" or "c" or "pre" or "preview" => "rc",
        "dev" => "dev",
        _ => null,
    };

    private static void Pad(List<int> release, int count)
    {
        while (release.Count < count)
        {
            release.Add(0);
        }
    }

    private static void Increment(List<int> release, int level)
    {
        release[level]++;
        for (var i = level + 1; i < release.Count; i++)
        {
            release[i] = 0;
        }
    }

    private static void NextPatch(List<int> release)
    {
        Pad(release, 3);
        Increment(release, 2);
    }

    private static readonly string[] Counters = ["MAJOR", "MINOR", "MICRO"];

    // CalVer: the date fields become today's; a counter counts releases within one period and restarts at 0 with a new one.
    private static string Calendar(CalVerScheme scheme, CalendarVersion version, VersionBump bump, DateOnly today)
    {
        var fields = scheme.Fields;
        var numbers = version.Numbers.ToArray();
        var modifier = string.Empty;
        if (bump.Kind is BumpKind.Major or BumpKind.Minor or BumpKind.Patch
            || (bump.Kind == BumpKind.Pre && !version.IsPrerelease))
        {
            var wanted = bump.Kind switch { BumpKind.Major => "MAJOR", BumpKind.Minor => "MINOR", _ => "MICRO" };
            var samePeriod = true;
            for (var i = 0; i < fields.Count; i++)
            {
                if (!Counters.Contains(fields[i]))
                {
                    var value = DateField(fields[i], today);
                    samePeriod &= value == numbers[i];
                    numbers[i] = value;
                }
            }

            if (samePeriod && !(version.IsPrerelease && bump.Kind != BumpKind.Pre))
            {
                var counter = fields.ToList().IndexOf(wanted);
                counter = counter >= 0 ? counter : fields.ToList().FindLastIndex(f => Counters.Contains(f));
                if (counter < 0)
                {
                    throw VersionErrors.BumpNotApplicable(version, bump, $"{version} is already today's version and {scheme.Format} has no MAJOR, MINOR or MICRO counter");
                }

                numbers[counter]++;
                for (var i = counter + 1; i < fields.Count; i++)
                {
                    numbers[i] = Counters.Contains(fields[i]) ? 0 : numbers[i];
                }
            }
            else if (!samePeriod)
            {
                for (var i = 0; i < fields.Count; i++)
                {
                    numbers[i] = Counters.Contains(fields[i]) ? 0 : numbers[i];
                }
            }
        }

        if (bump.Kind == BumpKind.Pre)
        {
            modifier = NextLabel(version.Prerelease, bump.PreId, separator: '.');
        }

        var core = string.Join('.', fields.Select((f, i) => f[0] == '0' ? numbers[i].ToString("00", CultureInfo.InvariantCulture) : numbers[i].ToString(CultureInfo.InvariantCulture)));
        return modifier.Length > 0 ? $"{core}-{modifier}" : core;
    }

    // Weeks count from 1 January (days / 7 + 1), so they never run backwards within a year as ISO weeks do.
    private static int DateField(string field, DateOnly today) => field switch
    {
        "YYYY" => today.Year,
        "YY" or "0Y" => today.Year - 2000,
        "MM" or "0M" => today.Month,
        "WW" or "0W" => ((today.DayOfYear - 1) / 7) + 1,
        _ => today.Day,
    };
}
