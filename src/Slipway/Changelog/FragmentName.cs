using System.Diagnostics.CodeAnalysis;

namespace Slipway.Changelog;

/// <summary>
/// A parsed fragment file name, read as towncrier 24.8 reads it: split on dots, the category is the right-most part
/// (not the first) that names a type, the issue is everything before it (numeric issues lose their leading zeros), and
/// a numeric part right after the category is the counter. <c>fix-1.2.3.feature.md</c> is issue <c>fix-1.2.3</c>.
/// </summary>
public sealed record FragmentName(string Issue, string Category, int Counter)
{
    public static bool TryParse(
        string basename,
        IReadOnlyCollection<string> categories,
        [NotNullWhen(true)] out FragmentName? name,
        out FragmentProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(basename);
        ArgumentNullException.ThrowIfNull(categories);
        name = null;
        problem = null;
        var parts = basename.Split('.');
        if (parts.Length == 1)
        {
            problem = new FragmentProblem(basename, "no category: a fragment is named ISSUE.CATEGORY", null);
            return false;
        }

        for (var i = parts.Length - 1; i >= 1; i--)
        {
            if (!categories.Contains(parts[i]))
            {
                continue;
            }

            var issue = PythonText.Strip(string.Join('.', parts, 0, i));
            if (PythonText.IsDigits(issue))
            {
                issue = PythonText.NormalizeNumber(issue);
            }

            var counter = 0;
            if (i + 1 < parts.Length && PythonText.IsDigits(parts[i + 1]))
            {
                if (!int.TryParse(PythonText.NormalizeNumber(parts[i + 1]), System.Globalization.CultureInfo.InvariantCulture, out counter))
                {
                    problem = new FragmentProblem(basename, $"counter {parts[i + 1]} is too large", null);
                    return false;
                }
            }

            name = new FragmentName(issue, parts[i], counter);
            return true;
        }

        problem = new FragmentProblem(basename, "no known category", GuessCategory(parts));
        return false;
    }

    // The part a human meant as the category: the first one after the issue that is not a counter.
    private static string? GuessCategory(string[] parts)
    {
        for (var i = 1; i < parts.Length; i++)
        {
            if (!PythonText.IsDigits(parts[i]) && parts[i].Length > 0)
            {
                return parts[i];
            }
        }

        return null;
    }
}
