using Slipway.Packages;

namespace Slipway.Tests.Packages;

public sealed class PackageGlobTests
{
    [Theory]
    [InlineData("artifacts/npm/*.tgz", "artifacts/npm/demo-1.0.0.tgz", true)]
    [InlineData("artifacts/npm/*.tgz", "artifacts/npm/sub/demo-1.0.0.tgz", false)]
    [InlineData("artifacts/**/*.tgz", "artifacts/npm/sub/demo-1.0.0.tgz", true)]
    [InlineData("artifacts/**/*.tgz", "artifacts/demo.tgz", true)]
    [InlineData("artifacts/demo-?.tgz", "artifacts/demo-1.tgz", true)]
    [InlineData("artifacts/demo-?.tgz", "artifacts/demo-12.tgz", false)]
    [InlineData("a/*.nupkg", "a/x.nupkg.bak", false)]
    [InlineData("a/(x).tgz", "a/(x).tgz", true)]
    public void Matches_within_segments_and_across_them_only_with_double_star(string glob, string path, bool matches)
    {
        Assert.True(PackageGlob.TryParse(glob, out var parsed, out _));
        Assert.Equal(matches, parsed.IsMatch(path));
    }

    [Theory]
    [InlineData("artifacts/npm/*.tgz", "artifacts/npm")]
    [InlineData("*.tgz", "")]
    [InlineData("a/**/b/*.tgz", "a")]
    public void The_base_directory_is_the_folder_before_the_first_wildcard(string glob, string expected)
    {
        Assert.True(PackageGlob.TryParse(glob, out var parsed, out _));
        Assert.Equal(expected, parsed.BaseDirectory);
    }
}
