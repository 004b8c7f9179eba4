using System.Security.Cryptography;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Packages;
using Slipway.Packages.NuGet;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.NuGet;

namespace Slipway.Tests.Packages;

/// <summary>Reading .nupkg files and the folder feed: identity from the nuspec, a content hash a re-signature does not change.</summary>
public sealed class NuGetPackageTests : IDisposable
{
    private readonly TempDirectory _directory = new("nuget-package");

    [Fact]
    public void A_re_signed_package_has_the_same_content_hash_and_other_content_does_not()
    {
        var built = NuGetPackage.Read(File(NuGetPackages.Write(_directory["a/Acme.Demo.1.2.3.nupkg"], "Acme.Demo", "1.2.3")));
        var signed = NuGetPackage.Read(File(NuGetPackages.Write(_directory["b/Acme.Demo.1.2.3.nupkg"], "Acme.Demo", "1.2.3", repositorySigned: true)));
        var other = NuGetPackage.Read(File(NuGetPackages.Write(_directory["c/Acme.Demo.1.2.3.nupkg"], "Acme.Demo", "1.2.3", "other")));

        Assert.Equal(("Acme.Demo", "1.2.3"), (built.Id, built.Version));
        Assert.Equal(built.ContentHash, signed.ContentHash);
        Assert.NotEqual(built.ContentHash, other.ContentHash);
    }

    [Fact]
    public void A_nuspec_written_on_one_line_is_read()
    {
        var path = _directory["z/Acme.Compact.2.0.0.nupkg"];
        Directory.CreateDirectory(_directory["z"]);
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("Acme.Compact.nuspec").Open());
            writer.Write("<?xml version=\"1.0\"?><package><metadata><id>Acme.Compact</id><version>2.0.0</version><authors>a</authors></metadata></package>");
        }

        var package = NuGetPackage.Read(File(path));
        Assert.Equal(("Acme.Compact", "2.0.0"), (package.Id, package.Version));
    }

    [Fact]
    public void A_file_named_for_another_id_or_version_than_its_nuspec_is_refused()
    {
        using var publisher = Publisher();
        var error = Assert.Throws<SlipwayException>(() => publisher.Inspect(File(NuGetPackages.Write(_directory["Acme.Demo.1.2.3.nupkg"], "Acme.Other", "1.2.3"))));
        Assert.Equal(ErrorCode.PackageIdentityMismatch, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.Contains("declares Acme.Other 1.2.3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_without_a_nuspec_or_a_nuspec_with_a_dtd_is_refused()
    {
        var none = _directory["x/None.1.0.0.nupkg"];
        Directory.CreateDirectory(_directory["x"]);
        using (var zip = System.IO.Compression.ZipFile.Open(none, System.IO.Compression.ZipArchiveMode.Create))
        {
            zip.CreateEntry("lib/readme.txt");
        }

        Assert.Equal(ErrorCode.PackageUnreadable, Assert.Throws<SlipwayException>(() => NuGetPackage.Read(File(none))).Code);
        var dtd = _directory["y/Dtd.1.0.0.nupkg"];
        Directory.CreateDirectory(_directory["y"]);
        using (var zip = System.IO.Compression.ZipFile.Open(dtd, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("Dtd.nuspec").Open());
            writer.Write("<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><package><metadata><id>&x;</id><version>1.0.0</version></metadata></package>");
        }

        var error = Assert.Throws<SlipwayException>(() => NuGetPackage.Read(File(dtd)));
        Assert.Equal(ErrorCode.PackageUnreadable, error.Code);
        Assert.Contains("not readable XML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_feed_gets_the_hierarchical_layout_once_and_refuses_other_content()
    {
        using var publisher = Publisher();
        var file = File(NuGetPackages.Write(_directory["out/Acme.Demo.1.2.3.nupkg"], "Acme.Demo", "1.2.3"));
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(PackagePresence.Absent, await publisher.ExistsAsync(file, ct));
        Assert.Equal(PublishOutcome.Published, await publisher.PublishAsync(file, ct));
        await publisher.VerifyAsync(file, TimeSpan.FromSeconds(1), ct);
        Assert.Equal(PublishOutcome.AlreadyPresent, await publisher.PublishAsync(file, ct));
        Assert.True(System.IO.File.Exists(_directory["feed/acme.demo/1.2.3/acme.demo.1.2.3.nupkg"]));
        Assert.True(System.IO.File.Exists(_directory["feed/acme.demo/1.2.3/acme.demo.nuspec"]));
        Assert.Equal(
            Convert.ToBase64String(SHA512.HashData(System.IO.File.ReadAllBytes(file.Path))),
            System.IO.File.ReadAllText(_directory["feed/acme.demo/1.2.3/acme.demo.1.2.3.nupkg.sha512"]));

        var other = File(NuGetPackages.Write(_directory["other/Acme.Demo.1.2.3.nupkg"], "Acme.Demo", "1.2.3", "changed"));
        var before = System.IO.File.ReadAllBytes(_directory["feed/acme.demo/1.2.3/acme.demo.1.2.3.nupkg"]);
        Assert.Equal(PackagePresence.Different, await publisher.ExistsAsync(other, ct));
        var error = await Assert.ThrowsAsync<SlipwayException>(() => publisher.PublishAsync(other, ct));
        Assert.Equal(ErrorCode.PackageContentDiffers, error.Code);
        Assert.Equal(before, System.IO.File.ReadAllBytes(_directory["feed/acme.demo/1.2.3/acme.demo.1.2.3.nupkg"]));
    }

    public void Dispose() => _directory.Dispose();

    private NuGetPublisher Publisher() =>
        new(new PackageSection(PackageSection.NuGetKind, ["out/*.nupkg"], "feed", null, false, new SourceLocation("slipway.toml", 1, 1)), _directory.Path, null, TimeProvider.System);

    private static PackageFile File(string path)
    {
        var bytes = System.IO.File.ReadAllBytes(path);
        return new PackageFile(path, Path.GetFileName(path), Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);
    }
}
