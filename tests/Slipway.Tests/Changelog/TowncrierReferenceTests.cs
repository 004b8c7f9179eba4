using System.Text;
using Slipway.Changelog;
using Slipway.Diagnostics;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Changelog;

/// <summary>
/// The shared cases rendered by towncrier 24.8.0: the draft and the written file must match byte for byte.
/// Entries that sort equal keep the order the directory lists them in, in towncrier as in Slipway; see
/// <see cref="ReferenceCase.SkipUnlessListedAsRecorded"/>.
/// </summary>
public sealed class TowncrierReferenceTests
{
    public static TheoryData<string> Cases => [.. ReferenceCase.Names];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Draft_matches_towncrier_24_8_byte_for_byte(string name)
    {
        using var reference = ReferenceCase.Copy(name);
        reference.SkipUnlessListedAsRecorded();
        var before = reference.Directory.Snapshot();

        var result = await CliRunner.RunAsync(reference.Directory.Path, "changelog", "draft", "--version", reference.Version, "--date", reference.Date);

        Assert.Equal(0, result.ExitCode);
        AssertSameText(reference.ExpectedDraft, result.Out);
        Assert.Equal(before, reference.Directory.Snapshot());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Build_writes_the_file_towncrier_24_8_writes(string name)
    {
        using var reference = ReferenceCase.Copy(name);
        reference.SkipUnlessListedAsRecorded();

        // --allow-empty: the empty case is towncrier's "No significant changes." release.
        var result = await CliRunner.RunAsync(
            reference.Directory.Path, "changelog", "build", "--keep", "--allow-empty", "--version", reference.Version, "--date", reference.Date);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(reference.ExpectedPath, result.Out.Trim());
        AssertSameText(reference.ExpectedFile, File.ReadAllText(reference.Directory[reference.ExpectedPath]));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renderer_matches_towncrier_24_8_in_the_order_towncrier_listed_the_files(string name)
    {
        // Runs on every file system: the fragments are listed in the recorded order, so ties break as they did for
        // towncrier, and both the draft and the written file must match byte for byte.
        using var reference = ReferenceCase.Copy(name);
        var project = ChangelogProject.Locate(reference.Directory.Path, null, new DictionaryEnvironment(), new SecretRedactor())
            with { ListFiles = reference.ListAsRecorded };
        var version = ReleaseVersion.Resolve(project, reference.Version, reference.Date, null, TimeProvider.System);

        var draft = ChangelogBuilder.Draft(project, version).Draft;
        var built = ChangelogBuilder.Build(project, version, keep: true, allowEmpty: true);

        AssertSameText(reference.ExpectedDraft, draft);
        Assert.Equal(Path.GetFullPath(reference.Directory[reference.ExpectedPath]), built.NewsFile);
        AssertSameText(reference.ExpectedFile, File.ReadAllText(built.NewsFile));
    }

    [Fact]
    public async Task Build_without_fragments_writes_nothing_and_says_so()
    {
        using var reference = ReferenceCase.Copy("empty-md");
        var before = reference.Directory.Snapshot();

        var result = await CliRunner.RunAsync(reference.Directory.Path, "changelog", "build", "--version", reference.Version, "--date", reference.Date);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no news fragments: nothing written to CHANGELOG.md", result.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
        Assert.Equal(before, reference.Directory.Snapshot());
    }

    private static void AssertSameText(byte[] expected, string actual)
    {
        var actualBytes = Encoding.UTF8.GetBytes(actual);
        if (!expected.AsSpan().SequenceEqual(actualBytes))
        {
            // Equal on strings shows where they part.
            Assert.Equal(Encoding.UTF8.GetString(expected), actual);
            Assert.Fail("the texts are equal but their bytes differ");
        }
    }
}
