using System.Globalization;
using System.Text;

namespace Slipway.Tests.Changelog;

/// <summary>
/// A seeded random corpus of news fragments: numeric issues (some with leading zeros), text issues, counters, orphans,
/// unicode, multi-paragraph texts, bullet lists, and identical texts filed under several issues.
/// </summary>
internal sealed class FragmentCorpus
{
    private static readonly string[] Words =
        "registry digest manifest index platform sbom provenance cosign signature attestation promote rollback journal approval gate changelog fragment naïve café ✨ résumé 𝔘nicode emoji-🚀 x"
            .Split(' ');

    // textIssuesWithNumbers: also issues such as gh-12, which towncrier 22.12 orders as text and 24.8 by number.
    public FragmentCorpus(int seed, int count, IReadOnlyList<string> categories, bool textIssuesWithNumbers = true)
    {
        var random = new Random(seed);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var shared = Enumerable.Range(0, 5).Select(_ => Sentence(random)).ToArray();
        while (Files.Count < count)
        {
            var category = categories[random.Next(categories.Count)];
            var roll = random.NextDouble();
            string issue;
            if (roll < 0.08)
            {
                issue = $"+{Words[random.Next(Words.Length)].Replace('.', '-')}{random.Next(1000)}";
            }
            else if (roll < 0.2)
            {
                issue = (textIssuesWithNumbers ? random.Next(3) : 2) switch
                {
                    0 => $"gh-{random.Next(1, 500)}",
                    1 => $"CVE-2026-{random.Next(1, 99999)}",
                    _ => Words[random.Next(Words.Length)],
                };
            }
            else
            {
                var number = random.Next(1, 5000).ToString(CultureInfo.InvariantCulture);
                issue = random.Next(10) == 0 ? "0" + number : number;
            }

            var counter = random.Next(6) == 0 ? $".{random.Next(1, 4)}" : string.Empty;
            var key = $"{(issue.StartsWith('+') ? issue : issue.TrimStart('0'))}.{category}{counter}";
            if (!taken.Add(key))
            {
                continue;
            }

            var text = random.Next(8) == 0 ? shared[random.Next(shared.Length)] : Text(random);
            Files.Add(($"{issue}.{category}{counter}.md", text));
        }
    }

    public List<(string Name, string Content)> Files { get; } = [];

    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, content) in Files)
        {
            File.WriteAllText(Path.Combine(directory, name), content, new UTF8Encoding(false));
        }
    }

    private static string Text(Random random) => random.Next(10) switch
    {
        < 6 => Sentence(random) + "\n",
        < 8 => Sentence(random) + "\n\n" + Sentence(random) + "\n",
        8 => Sentence(random) + ":\n\n- " + Sentence(random) + "\n- " + Sentence(random) + "\n",
        _ => "  " + Sentence(random) + "  \r\n\r\n",
    };

    private static string Sentence(Random random)
    {
        var words = Enumerable.Range(0, random.Next(2, 30)).Select(_ => Words[random.Next(Words.Length)]);
        var text = string.Join(' ', words);
        return char.ToUpperInvariant(text[0]) + text[1..] + ".";
    }
}
