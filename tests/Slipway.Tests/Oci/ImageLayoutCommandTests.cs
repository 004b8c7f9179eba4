using System.Formats.Tar;
using System.Text.Json;
using Slipway.Oci;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Oci;

/// <summary><c>slipway image layout</c>: directories packed into an OCI layout, one image per platform under an index.</summary>
public sealed class ImageLayoutCommandTests
{
    [Fact]
    public async Task Layout_packs_each_directory_as_its_platform_under_an_index()
    {
        using var directory = new TempDirectory("image-layout");
        directory.Write("amd64/app/hello.txt", "hello amd64\n");
        directory.Write("arm64/app/hello.txt", "hello arm64\n");
        directory.Write("arm64/app/bin/run", "#!/bin/sh\n");

        var result = await CliRunner.RunAsync(
            directory.Path, "image", "layout", "--platform", "linux/amd64=amd64", "--platform", "linux/arm64/v8=arm64", "--out", "out/oci", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(["linux/amd64", "linux/arm64/v8"], json.GetProperty("platforms").EnumerateArray().Select(p => p.GetProperty("platform").GetString()));
        var layout = OciLayout.Open(directory["out/oci"], TestContext.Current.CancellationToken);
        var top = layout.Select(null);
        Assert.Equal(MediaTypes.OciIndex, top.MediaType);
        Assert.Equal(json.GetProperty("digest").GetString(), top.Digest.ToString());
        var index = ManifestDocument.Parse(layout.ReadBlob(top.Digest), top.MediaType, "index");
        Assert.Equal(["linux/amd64", "linux/arm64/v8"], index.Manifests.Select(m => m.Platform!.ToString()));
        var arm = ManifestDocument.Parse(layout.ReadBlob(index.Manifests[1].Digest), MediaTypes.OciManifest, "arm64");
        Assert.Equal(["app/bin/run", "app/hello.txt"], TarNames(layout.ReadBlob(Assert.Single(arm.Layers).Digest)));
    }

    [Fact]
    public async Task Layout_gives_the_same_digest_for_the_same_files()
    {
        using var directory = new TempDirectory("image-layout");
        directory.Write("amd64/hello.txt", "same\n");

        var first = await CliRunner.RunAsync(directory.Path, "image", "layout", "--platform", "linux/amd64=amd64", "--out", "one");
        File.SetLastWriteTimeUtc(directory["amd64/hello.txt"], DateTime.UtcNow.AddDays(-3));
        var second = await CliRunner.RunAsync(directory.Path, "image", "layout", "--platform", "linux/amd64=amd64", "--out", "two.tar", "--tar");

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.ToString() + second);
        Assert.Equal(first.Out, second.Out);
        Assert.Equal(MediaTypes.OciManifest, OciLayout.Open(directory["two.tar"], TestContext.Current.CancellationToken).Select(null).MediaType);
    }

    [Theory]
    [InlineData("linux=amd64", "is not a platform")]
    [InlineData("linux/amd64", "is not PLATFORM=DIRECTORY")]
    [InlineData("linux/amd64=missing", "is not a directory")]
    [InlineData("linux/amd64=empty", "holds no files")]
    [InlineData("linux/amd64=amd64 --platform linux/amd64=amd64", "named twice")]
    public async Task Layout_refuses_bad_platforms_with_exit_2_and_writes_nothing(string platforms, string message)
    {
        using var directory = new TempDirectory("image-layout");
        directory.Write("amd64/hello.txt", "hello\n");
        Directory.CreateDirectory(directory["empty"]);
        var args = new List<string> { "image", "layout", "--out", "out" };
        foreach (var platform in platforms.Split(" --platform "))
        {
            args.AddRange(["--platform", platform]);
        }

        var result = await CliRunner.RunAsync(directory.Path, [.. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error SLW8028:", result.Err, StringComparison.Ordinal);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory["out"]));
    }

    private static List<string> TarNames(byte[] layer)
    {
        using var reader = new TarReader(new MemoryStream(layer));
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }
}
