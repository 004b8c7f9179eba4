using System.Text.RegularExpressions;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Changelog;

/// <summary>
/// Random corpora: towncrier 22.12 (the Debian package) renders them the same where its templates agree with 24.8's
/// (reStructuredText, every type shows its content), and the properties that hold on any input.
/// </summary>
public sealed partial class GeneratedCorpusTests
{
    private static readonly string[] Categories = ["feature", "bugfix", "doc", "removal", "misc"];

    [Theory]
    [InlineData(1, false, true)]
    [InlineData(2, true, true)]
    [InlineData(3, false, false)]
    [InlineData(4, true, false)]
    public async Task Draft_matches_towncrier_22_12_where_the_versions_agree(int seed, bool wrap, bool allBullets)
    {
        if (!ProcessRunner.IsInstalled("towncrier"))
        {
            Assert.Skip("towncrier is not installed (scripts/setup installs Debian's towncrier)");
        }

        using var project = new ChangelogProjectDirectory(Config("NEWS.rst", wrap, showContent: true, allBullets));
        new FragmentCorpus(seed, 400, Categories, textIssuesWithNumbers: false).WriteTo(project.Directory["changelog.d"]);

        var towncrier = ProcessRunner.Run("towncrier", ["build", "--draft", "--version", "1.2.3", "--date", "2026-11-26"], project.Path)
            .EnsureSuccess("towncrier build --draft");
        var slipway = await project.Draft();

        Assert.Equal(0, slipway.ExitCode);
        // towncrier prints its banner on stderr. 22.12's template ends the release with fewer blank lines; everything
        // before them must be identical.
        Assert.Equal(towncrier.Out.TrimEnd('\n'), slipway.Out.TrimEnd('\n'));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task Every_fragment_appears_once_in_issue_order_with_identical_texts_merged(int seed)
    {
        using var project = new ChangelogProjectDirectory(Config("CHANGELOG.md", wrap: false, showContent: true));
        var corpus = new FragmentCorpus(seed, 300, Categories);
        corpus.WriteTo(project.Directory["changelog.d"]);

        var result = await project.Draft();

        Assert.Equal(0, result.ExitCode);
        var entries = Entries(result.Out);
        foreach (var category in Categories)
        {
            var expected = corpus.Files
                .Where(f => f.Name.Split('.')[^3] == category || f.Name.Split('.')[^2] == category)
                .GroupBy(f => Normalize(f.Content))
                .ToDictionary(g => g.Key, g => g.Count(f => !f.Name.StartsWith('+')));
            var rendered = entries.Where(e => e.Category == $"{category} things").ToList();

            // Each distinct text once, carrying one issue per fragment that holds it.
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), rendered.Select(e => e.Text).Order(StringComparer.Ordinal));
            foreach (var entry in rendered)
            {
                Assert.Equal(expected[entry.Text], entry.Issues.Count);
            }

            // Entries with issues come first, ordered by their first issue; orphans (no issue) last.
            var withIssues = rendered.TakeWhile(e => e.Issues.Count > 0).ToList();
            Assert.All(rendered.Skip(withIssues.Count), e => Assert.Empty(e.Issues));
            var numbers = withIssues.Where(e => e.Issues.All(i => i.StartsWith('#'))).Select(e => int.Parse(e.Issues[0][1..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(numbers.Order(), numbers);
        }
    }

    private static string Config(string filename, bool wrap, bool showContent, bool allBullets = true)
    {
        var types = string.Concat(Categories.Select(c => $"""

            [[tool.towncrier.type]]
            directory = "{c}"
            name = "{c} things"
            showcontent = {(showContent ? "true" : "false")}
            """));
        return $"""
            [tool.towncrier]
            name = "generated"
            directory = "changelog.d"
            filename = "{filename}"
            wrap = {(wrap ? "true" : "false")}
            all_bullets = {(allBullets ? "true" : "false")}
            {types}
            """;
    }

    // What towncrier does to a text before it renders it: strip, and indent its continuation lines under the bullet.
    private static string Normalize(string content) =>
        string.Join("\n", content.Replace("\r\n", "\n", StringComparison.Ordinal).Trim().Split('\n').Select((l, i) => i == 0 || l.Length == 0 ? l : "  " + l));

    private static List<(string Category, string Text, List<string> Issues)> Entries(string markdown)
    {
        var entries = new List<(string, string, List<string>)>();
        foreach (var block in markdown.Split("\n### ").Skip(1))
        {
            var category = block[..block.IndexOf('\n', StringComparison.Ordinal)];
            foreach (var item in block.Split("\n- ").Skip(1))
            {
                var text = item.TrimEnd('\n');
                var match = IssueSuffix().Match(text);
                var issues = match.Success ? match.Groups["issues"].Value.Split(", ").ToList() : [];
                entries.Add((category, match.Success ? text[..match.Index] : text, issues));
            }
        }

        return entries;
    }

    [GeneratedRegex(@"(?:\n\n  | )\((?<issues>(?:#\d+|[^()\s,]+)(?:, (?:#\d+|[^()\s,]+))*)\)$")]
    private static partial Regex IssueSuffix();
}
