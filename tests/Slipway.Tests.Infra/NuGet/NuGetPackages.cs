using System.IO.Compression;
using System.Text;

namespace Slipway.Tests.Infra.NuGet;

/// <summary>.nupkg files laid out as <c>dotnet pack</c> lays them out (nuspec at the root, OPC parts), made in-process.</summary>
public static class NuGetPackages
{
    public static string Write(string path, string id, string version, string content = "hello", bool repositorySigned = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Add(zip, $"{id}.nuspec", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{id}</id>
                <version>{version}</version>
                <authors>acme</authors>
                <description>test package</description>
              </metadata>
            </package>
            """);
        Add(zip, "content/readme.txt", content);
        Add(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="nuspec" ContentType="application/octet" /><Default Extension="txt" ContentType="application/octet" /></Types>""");
        if (repositorySigned)
        {
            Add(zip, ".signature.p7s", "a repository signature nuget.org adds");
        }

        return path;
    }

    private static void Add(ZipArchive zip, string name, string text)
    {
        var entry = zip.CreateEntry(name);
        using var stream = entry.Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
