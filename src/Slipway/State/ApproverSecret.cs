using System.Security.Cryptography;
using System.Text;

namespace Slipway.State;

/// <summary>Random secrets (tokens, session ids, CSRF tokens) and the hash the journal keeps of them.</summary>
public static class ApproverSecret
{
    public const string TokenPrefix = "slw_";

    /// <summary>256 random bits, base64url, with <paramref name="prefix"/> (so a leaked token is recognisable).</summary>
    public static string New(string prefix = "") =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>Compares two secrets in time independent of where they differ.</summary>
    public static bool AreEqual(string? a, string? b) =>
        a is not null && b is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
