using Slipway.Diagnostics;
using Slipway.Files;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Files;

/// <summary>Paths resolved as the kernel resolves them, and the boundary a path from the repository must stay in.</summary>
public sealed class PathBoundaryTests : IDisposable
{
    private readonly TempDirectory _directory = new("paths");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Dot_dot_after_a_link_is_taken_from_where_the_link_leads()
    {
        Directory.CreateDirectory(_directory["real/inner"]);
        Directory.CreateSymbolicLink(_directory["link"], _directory["real/inner"]);

        Assert.True(PhysicalPath.TryResolve(_directory["link/../x"], out var resolved));

        Assert.Equal(_directory["real/x"], resolved);
    }

    [Fact]
    public void Components_that_do_not_exist_are_kept()
    {
        Assert.True(PhysicalPath.TryResolve(_directory["a/b/../c.md"], out var resolved));

        Assert.Equal(_directory["a/c.md"], resolved);
    }

    [Fact]
    public void A_loop_of_links_does_not_resolve()
    {
        File.CreateSymbolicLink(_directory["a"], "b");
        File.CreateSymbolicLink(_directory["b"], "a");

        Assert.False(PhysicalPath.TryResolve(_directory["a"], out _));
    }

    [Theory]
    [InlineData("/repo", "/repo", true)]
    [InlineData("/repo/a", "/repo", true)]
    [InlineData("/repository", "/repo", false)]
    [InlineData("/", "/repo", false)]
    [InlineData("/anything", "/", true)]
    public void Inside_compares_whole_components(string path, string directory, bool inside) =>
        Assert.Equal(inside, PhysicalPath.IsInside(path, directory));

    [Fact]
    public void The_repository_is_the_nearest_folder_with_a_git_entry()
    {
        Directory.CreateDirectory(_directory["repo/.git"]);
        Directory.CreateDirectory(_directory["repo/tools/app"]);

        var boundary = FileBoundary.Repository(_directory["repo/tools/app"]);

        Assert.Equal(_directory["repo"], boundary.Directory);
        Assert.True(boundary.Contains(_directory["repo/Directory.Build.props"]));
    }

    [Fact]
    public void An_output_through_a_linked_folder_that_leaves_the_repository_is_refused()
    {
        using var outside = new TempDirectory("outside");
        Directory.CreateSymbolicLink(_directory["docs"], outside.Path);
        var boundary = FileBoundary.For(_directory.Path, "the repository");

        var error = Assert.Throws<SlipwayException>(() => OutputPath.EnsureInside(_directory["docs/NEWS.md"], "docs/NEWS.md", "filename in slipway.toml", boundary, FileKind.RegularFile));

        Assert.Equal(ErrorCode.OutputPathOutsideRepository, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.StartsWith($"docs/NEWS.md (from filename in slipway.toml) leads to {outside["NEWS.md"]}, outside the repository", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_that_is_a_directory_is_refused()
    {
        Directory.CreateDirectory(_directory["NEWS.md"]);
        var boundary = FileBoundary.For(_directory.Path, "the repository");

        var error = Assert.Throws<SlipwayException>(() => OutputPath.EnsureInside(_directory["NEWS.md"], "NEWS.md", "filename in slipway.toml", boundary, FileKind.RegularFile));

        Assert.Equal(ErrorCode.FileNotRegular, error.Code);
    }

    [Fact]
    public void An_output_inside_is_its_resolved_path()
    {
        var boundary = FileBoundary.For(_directory.Path, "the repository");

        Assert.Equal(_directory["docs/NEWS.md"], OutputPath.EnsureInside(_directory["docs/x/../NEWS.md"], "NEWS.md", "filename", boundary, FileKind.RegularFile));
    }
}
