using System.Security.Cryptography;

namespace Slipway.Tests.Infra;

/// <summary>The files below a directory with their SHA-256, to prove a failed command changed nothing.</summary>
public static class DirectorySnapshot
{
    public static IReadOnlyDictionary<string, string> Take(string path)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
        {
            files[System.IO.Path.GetRelativePath(path, file)] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
        }

        return files;
    }
}
