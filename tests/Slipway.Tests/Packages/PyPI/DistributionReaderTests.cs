using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Slipway.Diagnostics;
using Slipway.Packages.PyPI;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Packages;

namespace Slipway.Tests.Packages.PyPI;

public sealed class DistributionReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new("pypi-read");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_wheel_gives_twines_form_fields_from_its_METADATA()
    {
        var file = PythonDistributions.Wheel(_temp.Path, "demo-pkg", "1.2.3");

        var distribution = DistributionReader.Read(file.Path, file.FileName);

        Assert.Equal(("demo-pkg", "1.2.3", "bdist_wheel", "py3"), (distribution.Name, distribution.Version, distribution.FileType, distribution.PyVersion));
        var fields = distribution.MetadataFields;
        Assert.Equal("2.1", Single(fields, "metadata_version"));
        Assert.Equal("demo-pkg", Single(fields, "name"));
        Assert.Equal("https://example.com/demo-pkg", Single(fields, "home_page"));
        Assert.Equal("ada@example.com", Single(fields, "author_email"));
        Assert.Equal("release, demo", Single(fields, "keywords"));
        Assert.Equal(["Source, https://example.com/demo-pkg/src", "Issues, https://example.com/demo-pkg/issues"], All(fields, "project_urls"));
        Assert.Equal(["Programming Language :: Python :: 3", "License :: OSI Approved :: MIT License"], All(fields, "classifiers"));
        Assert.Equal(["requests (>=2.0)", "rich ; extra == \"fancy\""], All(fields, "requires_dist"));
        Assert.Equal("fancy", Single(fields, "provides_extra"));
        Assert.Equal("# demo-pkg\n\nA long description, with **markdown** and ünïcode.\n", Single(fields, "description"));
    }

    [Fact]
    public void An_sdist_gives_its_PKG_INFO_with_pyversion_source()
    {
        var file = PythonDistributions.Sdist(_temp.Path, "demo", "2.0.0rc1");

        var distribution = DistributionReader.Read(file.Path, file.FileName);

        Assert.Equal(("demo", "2.0.0rc1", "sdist", "source"), (distribution.Name, distribution.Version, distribution.FileType, distribution.PyVersion));
    }

    [Fact]
    public void The_name_sent_is_the_safe_name_and_keywords_are_rejoined()
    {
        var metadata = "Metadata-Version: 2.1\nName: Demo_Pkg.x\nVersion: 1.0\nKeywords: a,b ,  c\n";
        var file = PythonDistributions.Wheel(_temp.Path, "Demo_Pkg.x", "1.0", metadata);

        var fields = DistributionReader.Read(file.Path, file.FileName).MetadataFields;

        Assert.Equal("Demo-Pkg.x", Single(fields, "name"));
        Assert.Equal("a, b, c", Single(fields, "keywords"));
    }

    [Fact]
    public void License_File_is_dropped_below_metadata_2_4_and_renamed_from_it()
    {
        var old = PythonDistributions.Wheel(_temp.Path, "old", "1.0", "Metadata-Version: 2.1\nName: old\nVersion: 1.0\nLicense-File: LICENSE\n");
        var current = PythonDistributions.Wheel(
            _temp.Path, "new", "1.0", "Metadata-Version: 2.4\nName: new\nVersion: 1.0\nLicense-Expression: MIT\nLicense-File: LICENSE\nLicense-File: NOTICE\n");

        Assert.Empty(All(DistributionReader.Read(old.Path, old.FileName).MetadataFields, "license_file"));
        var fields = DistributionReader.Read(current.Path, current.FileName).MetadataFields;
        Assert.Equal(["LICENSE", "NOTICE"], All(fields, "license_file"));
        Assert.Equal("MIT", Single(fields, "license_expression"));
    }

    [Fact]
    public void A_local_version_is_refused_before_anything_is_sent()
    {
        var file = PythonDistributions.Wheel(_temp.Path, "demo", "1.2.3+dev");

        var error = Assert.Throws<SlipwayException>(() => DistributionReader.Read(file.Path, file.FileName));

        Assert.Equal(ErrorCode.PyPILocalVersion, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.Contains("1.2.3+dev", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo-1.0.zip")]
    [InlineData("demo-1.0-py3.8.egg")]
    [InlineData("demo-1.0.tar.bz2")]
    public void Other_formats_are_refused(string fileName)
    {
        var path = _temp.Write(fileName, "x");

        var error = Assert.Throws<SlipwayException>(() => DistributionReader.Read(path, fileName));

        Assert.Equal(ErrorCode.PyPIDistributionUnsupported, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
    }

    [Theory]
    [InlineData("Metadata-Version: 2.0\nName: demo\nVersion: 1.0\n", "Metadata-Version 2.0")]
    [InlineData("Name: demo\nVersion: 1.0\n", "no Metadata-Version")]
    [InlineData("Metadata-Version: 2.1\nVersion: 1.0\n", "no Name")]
    [InlineData("Metadata-Version: 2.1\nName: demo\nVersion: one\n", "not a PEP 440 version")]
    [InlineData("Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nSumary: typo\n", "unrecognized field 'Sumary'")]
    [InlineData("Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nSummary: a\nSummary: b\n", "more than once")]
    [InlineData("Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nDescription: d\n\nbody\n", "both a Description field and a body")]
    [InlineData("Metadata-Version: 2.1\nName: other\nVersion: 1.0\n", "does not match the file name")]
    [InlineData("Metadata-Version: 2.1\nthis is not a header\n", "not a 'Name: value' header")]
    public void Metadata_twine_or_PyPI_would_refuse_is_refused(string metadata, string expected)
    {
        var file = PythonDistributions.Wheel(_temp.Path, "demo", "1.0", metadata);

        var error = Assert.Throws<SlipwayException>(() => DistributionReader.Read(file.Path, file.FileName));

        Assert.Equal(ErrorCode.PyPIMetadataInvalid, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wheel_without_METADATA_or_with_two_is_refused()
    {
        var none = Zip("demo-1.0-py3-none-any.whl", ("demo/__init__.py", "x"), ("demo-1.0.dist-info/WHEEL", "x"));
        var two = Zip(
            "demo-1.0-py3-none-any.whl",
            ("demo-1.0.dist-info/METADATA", PythonDistributions.Metadata("demo", "1.0")),
            ("other-1.0.dist-info/METADATA", PythonDistributions.Metadata("demo", "1.0")));
        var nested = Zip("demo-1.0-py3-none-any.whl", ("a/demo-1.0.dist-info/METADATA", PythonDistributions.Metadata("demo", "1.0")));

        foreach (var (path, expected) in new[] { (none, "has no"), (two, "more than one"), (nested, "has no") })
        {
            var error = Assert.Throws<SlipwayException>(() => DistributionReader.Read(path, Path.GetFileName(path)));
            Assert.Equal(ErrorCode.PyPIDistributionInvalid, error.Code);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_wheel_whose_central_directory_claims_too_many_entries_is_refused_before_it_is_loaded()
    {
        var path = Zip("demo-1.0-py3-none-any.whl", ("demo-1.0.dist-info/METADATA", PythonDistributions.Metadata("demo", "1.0")));
        var bytes = File.ReadAllBytes(path);
        // The end-of-central-directory record is the last 22 bytes (no comment): claim a 3 GB central directory.
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 22 + 12), 3_000_000_000);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<SlipwayException>(() => DistributionReader.Read(path, Path.GetFileName(path)));

        Assert.Equal(ErrorCode.PyPIDistributionInvalid, error.Code);
        Assert.Contains("central directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_archives_are_a_coded_error_not_an_exception()
    {
        var wheel = _temp.Write("demo-1.0-py3-none-any.whl", "PK not really a zip");
        var sdist = _temp.Write("demo-1.0.tar.gz", "not gzip");

        Assert.Equal(ErrorCode.PyPIDistributionInvalid, Assert.Throws<SlipwayException>(() => DistributionReader.Read(wheel, "demo-1.0-py3-none-any.whl")).Code);
        Assert.Equal(ErrorCode.PyPIDistributionInvalid, Assert.Throws<SlipwayException>(() => DistributionReader.Read(sdist, "demo-1.0.tar.gz")).Code);
    }

    [Fact]
    public void A_METADATA_over_the_cap_is_refused_while_it_is_read()
    {
        // Deflate makes 40 MiB of one byte a few kilobytes: the cap holds on what is inflated, not on what the zip claims.
        var metadata = PythonDistributions.Metadata("demo", "1.0") + new string('x', 40 * 1024 * 1024);
        var path = Zip("demo-1.0-py3-none-any.whl", ("demo-1.0.dist-info/METADATA", metadata));

        var error = Assert.Throws<SlipwayException>(() => DistributionReader.Read(path, Path.GetFileName(path)));

        Assert.Equal(ErrorCode.PyPIDistributionInvalid, error.Code);
        Assert.Contains("larger than 4 MiB", error.Message, StringComparison.Ordinal);
        Assert.True(new FileInfo(path).Length < 1024 * 1024);
    }

    [Theory]
    [InlineData("two-roots")]
    [InlineData("dot-dot")]
    [InlineData("absolute")]
    [InlineData("symlink")]
    [InlineData("missing")]
    public void Sdists_with_path_tricks_or_no_PKG_INFO_are_refused(string shape)
    {
        var path = _temp["demo-1.0.tar.gz"];
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            var metadata = PythonDistributions.Metadata("demo", "1.0");
            switch (shape)
            {
                case "two-roots":
                    PythonDistributions.AddTar(tar, "demo-1.0/PKG-INFO", metadata);
                    PythonDistributions.AddTar(tar, "other/setup.py", "x");
                    break;
                case "dot-dot":
                    PythonDistributions.AddTar(tar, "demo-1.0/../PKG-INFO", metadata);
                    break;
                case "absolute":
                    PythonDistributions.AddTar(tar, "/demo-1.0/PKG-INFO", metadata);
                    break;
                case "symlink":
                    PythonDistributions.AddTar(tar, "demo-1.0/PKG-INFO", "/etc/passwd", TarEntryType.SymbolicLink);
                    break;
                default:
                    PythonDistributions.AddTar(tar, "demo-1.0/setup.py", "x");
                    break;
            }
        }

        var error = Assert.Throws<SlipwayException>(() => DistributionReader.Read(path, "demo-1.0.tar.gz"));

        Assert.Equal(ErrorCode.PyPIDistributionInvalid, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
    }

    [Fact]
    public void Folded_headers_keep_their_line_breaks_as_the_email_parser_gives_them()
    {
        Assert.True(CoreMetadata.TryParse(Encoding.UTF8.GetBytes("Metadata-Version: 2.1\r\nSummary: one\r\n  two\r\n\r\nbody"), out var metadata, out var problem), problem);

        Assert.Equal("one\n  two", metadata.First("summary"));
        Assert.Equal("body", metadata.Body);
    }

    private string Zip(string fileName, params (string Name, string Content)[] entries)
    {
        var directory = Directory.CreateDirectory(_temp[Guid.NewGuid().ToString("N")]).FullName;
        var path = Path.Combine(directory, fileName);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
            stream.Write(Encoding.UTF8.GetBytes(content));
        }

        return path;
    }

    private static string Single(IReadOnlyList<UploadField> fields, string name) => Assert.Single(fields, f => f.Name == name).Value;

    private static string[] All(IReadOnlyList<UploadField> fields, string name) => [.. fields.Where(f => f.Name == name).Select(f => f.Value)];
}
