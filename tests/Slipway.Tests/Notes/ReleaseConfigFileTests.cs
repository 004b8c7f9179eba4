using Slipway.Diagnostics;
using Slipway.Notes;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Notes;

public sealed class ReleaseConfigFileTests
{
    [Fact]
    public void GitHubs_own_example_passes()
    {
        ReleaseConfigFile.Parse("""
            # .github/release.yml
            changelog:
              exclude:
                labels:
                  - ignore-for-release
                authors:
                  - octocat
              categories:
                - title: Breaking Changes 🛠
                  labels:
                    - Semver-Major
                    - breaking-change
                - title: Exciting New Features 🎉
                  labels: [Semver-Minor, enhancement]
                  exclude:
                    labels: [wip]
                - title: Other Changes
                  labels:
                    - "*"
            """);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("changelog:\n  exclude:\n    labels: [skip]\n")]
    public void An_empty_file_or_one_without_categories_passes(string text) => ReleaseConfigFile.Parse(text);

    [Theory]
    [InlineData("changelog:\n  categories:\n    - title: A\n      labels: [a\n", 5)]
    [InlineData("changelog:\n  categories:\n    - title: A\n     labels: [a]\n", 4)]
    [InlineData("changelog:\n  categories:\n    - title: \"Fixes\n", 3)]
    public void Text_that_is_not_yaml_is_an_input_error_with_its_line(string text, int line)
    {
        var error = Assert.Throws<SlipwayException>(() => ReleaseConfigFile.Parse(text));

        Assert.Equal(ErrorCode.NotesReleaseConfigInvalid, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.StartsWith($".github/release.yml:{line}:", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- changelog\n", 1, "the file is not a mapping")]
    [InlineData("changelog: [a]\n", 1, "changelog is not a mapping")]
    [InlineData("changelog:\n  categories:\n    title: A\n", 3, "changelog.categories is not a list")]
    [InlineData("changelog:\n  categories:\n    - labels: [a]\n", 3, "changelog.categories[0] has no title")]
    [InlineData("changelog:\n  categories:\n    - title: A\n      labels: [a]\n    - title: B\n", 5, "changelog.categories[1] has no labels")]
    [InlineData("changelog:\n  categories:\n    - title: A\n      labels: bug\n", 4, "changelog.categories[0].labels is not a list of texts")]
    [InlineData("changelog:\n  categories:\n    - title: A\n      labels: [[bug]]\n", 4, "changelog.categories[0].labels holds an entry that is not a text")]
    [InlineData("changelog:\n  categories:\n    - title: [A]\n      labels: [a]\n", 3, "changelog.categories[0].title is not a text")]
    [InlineData("changelog:\n  exclude:\n    label: [a]\n", 3, "changelog.exclude has 'label', not labels or authors")]
    [InlineData("changelog:\n  categories: []\n  categories: []\n", 3, "key 'categories' appears twice")]
    public void A_wrong_shape_is_an_input_error_naming_the_field_and_line(string text, int line, string reason)
    {
        var error = Assert.Throws<SlipwayException>(() => ReleaseConfigFile.Parse(text));

        Assert.Equal(ErrorCode.NotesReleaseConfigInvalid, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.StartsWith($".github/release.yml:{line}:", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symlink_out_of_the_repository_is_refused_and_a_missing_file_is_fine()
    {
        using var outside = new TempDirectory();
        using var repository = new TempDirectory();
        ReleaseConfigFile.Check(repository.Path);
        File.WriteAllText(outside["release.yml"], "changelog: {}\n");
        Directory.CreateDirectory(repository[".github"]);
        File.CreateSymbolicLink(repository[".github/release.yml"], outside["release.yml"]);

        var error = Assert.Throws<SlipwayException>(() => ReleaseConfigFile.Check(repository.Path));

        Assert.Equal(ErrorCode.NotesReleaseConfigInvalid, error.Code);
        Assert.Contains("outside the repository", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_cap_is_refused_without_parsing_it()
    {
        using var repository = new TempDirectory();
        Directory.CreateDirectory(repository[".github"]);
        File.WriteAllText(repository[".github/release.yml"], "# " + new string('x', ReleaseConfigFile.MaxBytes) + "\n");

        var error = Assert.Throws<SlipwayException>(() => ReleaseConfigFile.Check(repository.Path));

        Assert.Equal(ErrorCode.NotesReleaseConfigInvalid, error.Code);
        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }
}
