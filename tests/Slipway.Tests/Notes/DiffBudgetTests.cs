using Slipway.Configuration;
using Slipway.Notes.Ai;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Notes;

/// <summary>The narrative's diff within its budget, on a real repository.</summary>
public sealed class DiffBudgetTests : IDisposable
{
    private static readonly string[] Awkward = ["docs/a file with spaces.cs", "src/[glob]*?.cs", "src/ünïcødé-名前.cs", "src/-dash.cs", "src/quote\"d.cs"];

    private readonly GitTestRepository _repository = GitTestRepository.Init();

    public DiffBudgetTests()
    {
        _repository.Commit("initial", ("README.md", "demo\n"));
        _repository.Tag("v1.0.0", "1.0.0");
    }

    public void Dispose() => _repository.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private DiffBudget Budget() => new(_repository.Path, NotesAiSection.DefaultNoise, NotesAiSection.DefaultLast);

    private static string Lines(string prefix, int count) => string.Concat(Enumerable.Range(0, count).Select(i => $"{prefix} line {i}\n"));

    [Fact]
    public async Task Orders_source_then_other_then_tests_and_docs_larger_first_and_leaves_out_binaries_and_noise()
    {
        _repository.Commit(
            "changes",
            ("src/small.cs", Lines("small", 2)),
            ("src/large.cs", Lines("large", 40)),
            ("config/settings.json", Lines("setting", 5)),
            ("tests/LargeTests.cs", Lines("test", 50)),
            ("docs/guide.md", Lines("doc", 3)),
            ("package-lock.json", Lines("lock", 500)),
            ("web/app.min.js", Lines("minified", 500)),
            ("sbom.spdx.json", Lines("sbom", 500)),
            ("src/__snapshots__/view.snap", Lines("snap", 500)));
        File.WriteAllBytes(Path.Combine(_repository.Path, "logo.png"), [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 1, 2, 3, 0, 255]);
        var commit = _repository.Commit("binary");

        var diff = await Budget().CollectAsync("v1.0.0", commit, 100_000, Token);

        Assert.Equal(["src/large.cs", "src/small.cs", "config/settings.json", "tests/LargeTests.cs", "docs/guide.md"], diff.Included);
        Assert.Equal(["logo.png"], diff.Binary);
        Assert.Equal(["package-lock.json", "sbom.spdx.json", "src/__snapshots__/view.snap", "web/app.min.js"], diff.Noise);
        Assert.Empty(diff.Dropped);
        Assert.DoesNotContain("lock line", diff.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("minified line", diff.Text, StringComparison.Ordinal);
        Assert.StartsWith("10 file(s) changed", diff.Text, StringComparison.Ordinal);
        Assert.Contains(" logo.png | binary\n", diff.Text, StringComparison.Ordinal);
        var order = diff.Included.Select(p => diff.Text.IndexOf("diff --git a/" + p, StringComparison.Ordinal)).ToList();
        Assert.All(order, at => Assert.True(at > 0));
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public async Task Takes_paths_literally_spaces_glob_characters_non_ascii_quotes()
    {
        var commit = _repository.Commit("awkward", [.. Awkward.Select(p => (p, Lines(p, 3)))]);

        var diff = await Budget().CollectAsync("v1.0.0", commit, 100_000, Token);

        Assert.Equal(Awkward.Order(StringComparer.Ordinal), diff.Included.Order(StringComparer.Ordinal));
        foreach (var path in Awkward)
        {
            Assert.Contains($"+{path} line 2\n", diff.Text, StringComparison.Ordinal);
        }

        Assert.Contains("diff --git a/src/ünïcødé-名前.cs b/src/ünïcødé-名前.cs\n", diff.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_patch_that_would_overflow_is_dropped_whole_and_named_in_the_trailer()
    {
        var commit = _repository.Commit(
            "big",
            ("src/huge.cs", Lines("huge", 5_000)),
            ("src/medium.cs", Lines("medium", 300)),
            ("src/tiny.cs", Lines("tiny", 3)));

        var diff = await Budget().CollectAsync("v1.0.0", commit, 20_000, Token);

        Assert.True(diff.Text.Length <= 20_000, $"{diff.Text.Length} characters");
        Assert.Equal(["src/huge.cs"], diff.Dropped);
        Assert.Equal(["src/medium.cs", "src/tiny.cs"], diff.Included);
        Assert.DoesNotContain("huge line", diff.Text, StringComparison.Ordinal);
        Assert.Contains("+medium line 299\n", diff.Text, StringComparison.Ordinal);
        Assert.Matches(@"\[patches left out to stay within the diff budget\]\nsrc/huge\.cs \(\d+ characters\)\n", diff.Text);
    }

    [Fact]
    public async Task A_first_release_diffs_against_the_empty_tree()
    {
        var diff = await Budget().CollectAsync(null, _repository.Head, 10_000, Token);

        Assert.Equal(["README.md"], diff.Included);
        Assert.Contains("+demo\n", diff.Text, StringComparison.Ordinal);
    }
}
