using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Slipway.Tests.Infra.Npm;

/// <summary>npm tarballs as <c>npm pack</c> lays them out (<c>package/package.json</c>, gzip), made in-process for tests.</summary>
public static class NpmTarballs
{
    public static string Write(string path, string name, string version, string body = "module.exports = 1;\n", string? extraJson = null)
    {
        var json = $$"""{"name":"{{name}}","version":"{{version}}","description":"test package","main":"index.js"{{(extraJson is null ? string.Empty : "," + extraJson)}}}""";
        return WriteEntries(path, [("package/package.json", json), ("package/index.js", body)]);
    }

    public static string WriteEntries(string path, IEnumerable<(string Name, string Content)> entries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, name)
                {
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
                    ModificationTime = new DateTimeOffset(1985, 10, 26, 8, 15, 0, TimeSpan.Zero),
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                };
                tar.WriteEntry(entry);
            }
        }

        return path;
    }
}
