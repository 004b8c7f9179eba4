using System.Security.Cryptography;
using System.Text;
using Slipway.Configuration;

namespace Slipway.Pipeline;

/// <summary>
/// The fingerprint of what a run was started and checked against; resume refuses when it changed (unless forced) and
/// approve always does. It covers slipway.toml and, when the approvers come from a CODEOWNERS file, that file: an
/// edit of either while a run waits for approval changes who may approve what was built.
/// </summary>
public static class ConfigurationHash
{
    public static string Of(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var configuration = File.ReadAllBytes(config.Path);
        if (ApproverPolicy.CodeownersFile(config) is not { } codeowners)
        {
            // Unchanged from before CODEOWNERS was covered, so runs journaled then still resume.
            return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(configuration));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, Encoding.UTF8.GetBytes(SlipwayConfig.FileName));
        Append(hash, configuration);
        Append(hash, Encoding.UTF8.GetBytes(Path.GetRelativePath(config.RootDirectory, codeowners).Replace('\\', '/')));
        Append(hash, ApproverPolicy.ReadCodeowners(config, codeowners));
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Each part length-prefixed, so no two different sets of files hash alike.</summary>
    private static void Append(IncrementalHash hash, byte[] part)
    {
        Span<byte> length = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(length, part.LongLength);
        hash.AppendData(length);
        hash.AppendData(part);
    }
}
