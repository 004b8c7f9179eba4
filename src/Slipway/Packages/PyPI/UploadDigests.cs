using System.Security.Cryptography;

namespace Slipway.Packages.PyPI;

/// <summary>The digests the upload form carries, computed in one read of the file: SHA-256 and BLAKE2b-256, lowercase hex.</summary>
internal sealed record UploadDigests(string Sha256, string Blake2b256)
{
    public static UploadDigests Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var blake2 = new Blake2b(32);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            sha256.AppendData(buffer, 0, read);
            blake2.Append(buffer.AsSpan(0, read));
        }

        return new UploadDigests(Convert.ToHexStringLower(sha256.GetHashAndReset()), Convert.ToHexStringLower(blake2.GetHashAndReset()));
    }
}
