using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Slipway.Oci;

/// <summary>
/// A content digest, <c>algorithm:hex</c>. Only sha256 and sha512 are accepted: they are the algorithms the OCI
/// image spec registers, and a digest Slipway cannot recompute is a digest it cannot check.
/// </summary>
public sealed record Digest
{
    private Digest(string algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
    }

    public string Algorithm { get; }

    public string Hex { get; }

    /// <summary>The fallback tag of the referrers tag schema and cosign's tag prefix: <c>sha256-&lt;hex&gt;</c>.</summary>
    public string TagSafe => $"{Algorithm}-{Hex}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out Digest? digest, out string error)
    {
        digest = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "is empty";
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            error = "has no algorithm (write sha256:<64 hex digits>)";
            return false;
        }

        var algorithm = text[..colon];
        var hex = text[(colon + 1)..];
        var expected = algorithm switch
        {
            "sha256" => 64,
            "sha512" => 128,
            _ => 0,
        };
        if (expected == 0)
        {
            error = $"uses algorithm '{algorithm}' (supported: sha256, sha512)";
            return false;
        }

        if (hex.Length != expected)
        {
            error = $"has {hex.Length} hex digits where {algorithm} has {expected}";
            return false;
        }

        if (!hex.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            error = "must be lowercase hexadecimal after the algorithm";
            return false;
        }

        digest = new Digest(algorithm, hex);
        error = string.Empty;
        return true;
    }

    public static Digest Parse(string text) =>
        TryParse(text, out var digest, out var error) ? digest : throw OciErrors.InvalidDigest(text, error);

    public static Digest Sha256(ReadOnlySpan<byte> content) =>
        new("sha256", Convert.ToHexStringLower(SHA256.HashData(content)));

    public static Digest Sha256(Stream content) =>
        new("sha256", Convert.ToHexStringLower(SHA256.HashData(content)));

    public static async Task<Digest> Sha256Async(Stream content, CancellationToken cancellationToken = default) =>
        new("sha256", Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken)));

    /// <summary>Computes the digest of <paramref name="content"/> with this digest's algorithm.</summary>
    public Digest Compute(ReadOnlySpan<byte> content) => Algorithm == "sha512"
        ? new Digest("sha512", Convert.ToHexStringLower(SHA512.HashData(content)))
        : Sha256(content);

    public async Task<Digest> ComputeAsync(Stream content, CancellationToken cancellationToken = default) => Algorithm == "sha512"
        ? new Digest("sha512", Convert.ToHexStringLower(await SHA512.HashDataAsync(content, cancellationToken)))
        : await Sha256Async(content, cancellationToken);

    public bool Matches(ReadOnlySpan<byte> content) => Compute(content) == this;

    public override string ToString() => $"{Algorithm}:{Hex}";
}
