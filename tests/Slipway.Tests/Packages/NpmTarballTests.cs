using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Slipway.Diagnostics;
using Slipway.Packages;
using Slipway.Packages.Npm;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Npm;

namespace Slipway.Tests.Packages;

/// <summary>package.json read out of untrusted tarballs: bounded, no path tricks, every failure coded.</summary>
public sealed class NpmTarballTests : IDisposable
{
    private readonly TempDirectory _directory = new("npm-tarball");

    [Fact]
    public void Reads_the_name_version_and_publish_registry()
    {
        var file = File(NpmTarballs.Write(_directory["a.tgz"], "@acme/widget", "1.2.3-rc.1", extraJson: "\"publishConfig\":{\"registry\":\"https://npm.example.com/\"}"));
        var manifest = NpmTarball.Read(file);
        Assert.Equal(("@acme/widget", "1.2.3-rc.1"), (manifest.Name, manifest.Version));
        Assert.Equal(new Uri("https://npm.example.com/"), manifest.PublishRegistry);
    }

    [Fact]
    public void A_package_json_outside_the_top_folder_does_not_count() =>
        Refused(NpmTarballs.WriteEntries(_directory["deep.tgz"], [("package/lib/package.json", """{"name":"x","version":"1.0.0"}""")]), "holds no package/package.json");

    [Fact]
    public void An_entry_that_climbs_out_is_refused() =>
        Refused(NpmTarballs.WriteEntries(_directory["climb.tgz"], [("package/../../etc/package.json", """{"name":"x","version":"1.0.0"}""")]), "outside the package folder");

    [Fact]
    public void A_file_that_is_not_gzip_is_refused()
    {
        System.IO.File.WriteAllText(_directory["plain.tgz"], "not a tarball");
        Refused(_directory["plain.tgz"], "not a readable gzip tar archive");
    }

    [Fact]
    public void An_oversized_package_json_is_refused_before_it_is_read() =>
        Refused(NpmTarballs.WriteEntries(_directory["big.tgz"], [("package/package.json", new string(' ', NpmTarball.ManifestLimit + 1))]), "over the");

    [Fact]
    public void A_gzip_bomb_stops_at_the_unpacked_cap()
    {
        // A tar entry declaring far more data than the cap, made of zeros that gzip squeezes to almost nothing.
        var path = _directory["bomb.tgz"];
        using (var output = System.IO.File.Create(path))
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "package/zeros") { DataStream = new MemoryStream(new byte[4 * 1024 * 1024]) });
        }

        var error = Assert.Throws<SlipwayException>(() => NpmTarball.Read(File(path), 1024 * 1024));
        Assert.Equal(ErrorCode.PackageUnreadable, error.Code);
        Assert.Contains("unpacks to more than 1048576 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"version":"1.0.0"}""", "names no")]
    [InlineData("""{"name":"Upper","version":"1.0.0"}""", "is not an npm package name")]
    [InlineData("""{"name":"../x","version":"1.0.0"}""", "is not an npm package name")]
    [InlineData("""{"name":"x","version":"1.0.0","publishConfig":{"registry":"file:///etc"}}""", "is not an http(s) URL")]
    [InlineData("[1]", "not JSON")]
    public void Bad_package_json_is_refused(string json, string fragment) =>
        Refused(NpmTarballs.WriteEntries(_directory[$"bad-{Guid.NewGuid():N}.tgz"], [("package/package.json", json)]), fragment);

    public void Dispose() => _directory.Dispose();

    private static void Refused(string path, string fragment)
    {
        var error = Assert.Throws<SlipwayException>(() => NpmTarball.Read(File(path)));
        Assert.Equal(ErrorCode.PackageUnreadable, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    private static PackageFile File(string path)
    {
        var bytes = System.IO.File.ReadAllBytes(path);
        return new PackageFile(path, Path.GetFileName(path), Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);
    }
}
