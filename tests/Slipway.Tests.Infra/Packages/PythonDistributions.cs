using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Slipway.Packages;

namespace Slipway.Tests.Infra.Packages;

/// <summary>
/// Hand-written wheels and sdists (no build backend runs here): a wheel is a zip with
/// <c>{name}-{version}.dist-info/METADATA</c>, <c>WHEEL</c> and <c>RECORD</c>; an sdist a tar.gz with one top-level
/// folder holding <c>PKG-INFO</c>. Both are valid for twine and PyPI.
/// </summary>
public static class PythonDistributions
{
    /// <summary>Metadata 2.1 (the newest twine 4.0.2's pkginfo reads), with single and multiple-use fields and a body.</summary>
    public static string Metadata(string name, string version, string? extraHeaders = null) =>
        string.Join(
            "\n",
            [
                "Metadata-Version: 2.1",
                $"Name: {name}",
                $"Version: {version}",
                "Summary: A demo package for Slipway's tests",
                $"Home-page: https://example.com/{name}",
                "Author: Ada Lovelace",
                "Author-email: ada@example.com",
                "License: MIT",
                $"Project-URL: Source, https://example.com/{name}/src",
                $"Project-URL: Issues, https://example.com/{name}/issues",
                "Keywords: release, demo",
                "Classifier: Programming Language :: Python :: 3",
                "Classifier: License :: OSI Approved :: MIT License",
                "Requires-Python: >=3.8",
                "Requires-Dist: requests (>=2.0)",
                "Requires-Dist: rich ; extra == \"fancy\"",
                "Provides-Extra: fancy",
                "Description-Content-Type: text/markdown",
                .. extraHeaders is null ? Array.Empty<string>() : [extraHeaders.TrimEnd('\n')],
                string.Empty,
                $"# {name}",
                string.Empty,
                "A long description, with **markdown** and \u00fcn\u00efcode.",
                string.Empty,
            ]);

    public static PackageFile Wheel(string directory, string name, string version, string? metadata = null, string tags = "py3-none-any")
    {
        var distName = name.Replace('-', '_');
        var fileName = $"{distName}-{version}-{tags}.whl";
        var path = Path.Combine(directory, fileName);
        var info = $"{distName}-{version}.dist-info";
        File.Delete(path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            Add(zip, $"{distName}/__init__.py", $"__version__ = \"{version}\"\n");
            Add(zip, $"{info}/METADATA", metadata ?? Metadata(name, version));
            Add(zip, $"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: slipway-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
            Add(zip, $"{info}/RECORD", $"{distName}/__init__.py,,\n{info}/METADATA,,\n{info}/WHEEL,,\n{info}/RECORD,,\n");
        }

        return Describe(path);
    }

    public static PackageFile Sdist(string directory, string name, string version, string? metadata = null)
    {
        var root = $"{name.Replace('-', '_')}-{version}";
        var fileName = root + ".tar.gz";
        var path = Path.Combine(directory, fileName);
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            AddTar(tar, $"{root}/PKG-INFO", metadata ?? Metadata(name, version));
            AddTar(tar, $"{root}/pyproject.toml", $"[project]\nname = \"{name}\"\nversion = \"{version}\"\n");
        }

        return Describe(path);
    }

    public static PackageFile Describe(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return new PackageFile(path, Path.GetFileName(path), Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }

    public static void AddTar(TarWriter tar, string name, string content, TarEntryType type = TarEntryType.RegularFile)
    {
        ArgumentNullException.ThrowIfNull(tar);
        var entry = new PaxTarEntry(type, name);
        if (type == TarEntryType.RegularFile)
        {
            entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        }
        else if (type == TarEntryType.SymbolicLink)
        {
            entry.LinkName = content;
        }

        tar.WriteEntry(entry);
    }
}
