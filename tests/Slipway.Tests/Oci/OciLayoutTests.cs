using Slipway.Diagnostics;
using Slipway.Oci;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.Tests.Oci;

public sealed class OciLayoutTests
{
    [Fact]
    public void A_tar_of_a_layout_reads_the_same_entries_and_blobs_as_the_folder()
    {
        using var temp = new TempDirectory("layout");
        var layout = TestImages.MultiPlatformIndex(temp["oci"], name: "app");
        new OciLayoutWriter(layout.Path).PackTar(temp["app.tar"]);

        var folder = OciLayout.Open(layout.Path, TestContext.Current.CancellationToken);
        var tar = OciLayout.Open(temp["app.tar"], TestContext.Current.CancellationToken);

        Assert.Equal(folder.Entries.Select(e => e.Digest), tar.Entries.Select(e => e.Digest));
        Assert.Equal(layout.Top.Digest, tar.Select("app").Digest);
        foreach (var child in layout.Children)
        {
            Assert.Equal(folder.ReadBlob(child.Digest), tar.ReadBlob(child.Digest));
        }
    }

    [Fact]
    public void A_tar_written_by_GNU_tar_with_long_names_and_dot_slash_prefixes_is_read()
    {
        using var temp = new TempDirectory("layout");
        var layout = TestImages.SingleManifest(temp["oci"], 70_000);
        var tar = ProcessRunner.Run("tar", ["-cf", temp["gnu.tar"], "-C", layout.Path, "."]);
        Assert.True(tar.ExitCode == 0, tar.Err);

        var read = OciLayout.Open(temp["gnu.tar"], TestContext.Current.CancellationToken);

        Assert.Equal(layout.Top.Digest, read.Select(null).Digest);
        Assert.Equal(OciLayout.Open(layout.Path, TestContext.Current.CancellationToken).ReadBlob(layout.Top.Digest), read.ReadBlob(layout.Top.Digest));
    }

    [Fact]
    public void LAYOUT_NAME_splits_at_the_last_colon_unless_the_whole_path_exists()
    {
        using var temp = new TempDirectory("layout");
        Directory.CreateDirectory(temp["with:colon"]);

        Assert.Equal((temp["out"], "app"), OciLayout.SplitArgument("out:app", temp.Path));
        Assert.Equal((temp["with:colon"], null), OciLayout.SplitArgument("with:colon", temp.Path));
        Assert.Equal((temp["plain"], null), OciLayout.SplitArgument("plain", temp.Path));
    }

    [Fact]
    public void A_folder_without_index_json_is_not_a_layout()
    {
        using var temp = new TempDirectory("layout");
        Directory.CreateDirectory(temp["empty"]);

        var error = Assert.Throws<SlipwayException>(() => OciLayout.Open(temp["empty"], TestContext.Current.CancellationToken));

        Assert.Equal(ErrorCode.LayoutInvalid, error.Code);
    }

    [Fact]
    public void A_compressed_tar_is_refused_with_a_reason()
    {
        using var temp = new TempDirectory("layout");
        File.WriteAllBytes(temp["x.tar.gz"], [0x1f, 0x8b, 8, 0, .. new byte[600]]);

        var error = Assert.Throws<SlipwayException>(() => OciLayout.Open(temp["x.tar.gz"], TestContext.Current.CancellationToken));

        Assert.Equal(ErrorCode.LayoutInvalid, error.Code);
    }
}
