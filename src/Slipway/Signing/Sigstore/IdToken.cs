using System.Text.Json;

namespace Slipway.Signing.Sigstore;

/// <summary>
/// The claims of an OIDC ID token that signing depends on, read without verifying it (Fulcio verifies it): the subject
/// the proof of possession signs, the audiences and the expiry, checked before anything is sent so that a stale or
/// misdirected token fails here with a reason instead of at Fulcio.
/// </summary>
public sealed record IdToken(string Value, string Subject, string Issuer, IReadOnlyList<string> Audiences, DateTimeOffset Expires)
{
    public const string SigstoreAudience = "sigstore";

    public static bool TryParse(string value, out IdToken? token, out string error)
    {
        token = null;
        var parts = value.Split('.');
        if (parts.Length != 3)
        {
            error = "not a JWT (header.payload.signature)";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(FromBase64Url(parts[1]));
            var claims = document.RootElement;
            var subject = claims.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String ? sub.GetString()! : string.Empty;
            var issuer = claims.TryGetProperty("iss", out var iss) && iss.ValueKind == JsonValueKind.String ? iss.GetString()! : string.Empty;
            var audiences = claims.TryGetProperty("aud", out var aud)
                ? aud.ValueKind == JsonValueKind.Array ? [.. aud.EnumerateArray().Select(a => a.GetString() ?? string.Empty)] : new[] { aud.GetString() ?? string.Empty }
                : [];
            if (subject.Length == 0 || !claims.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var seconds))
            {
                error = "the token has no 'sub' or no 'exp'";
                return false;
            }

            token = new IdToken(value, subject, issuer, audiences, DateTimeOffset.FromUnixTimeSeconds(seconds));
            error = string.Empty;
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            error = "the token's payload is not a JSON object";
            return false;
        }
    }

    /// <summary>Why this token cannot get a signing certificate at <paramref name="now"/>, or null.</summary>
    public string? Unusable(DateTimeOffset now)
    {
        if (Expires <= now)
        {
            return $"the ID token expired at {Expires:yyyy-MM-ddTHH:mm:ssZ}";
        }

        return Audiences.Contains(SigstoreAudience, StringComparer.Ordinal)
            ? null
            : $"the ID token's audience is '{string.Join(", ", Audiences)}', not '{SigstoreAudience}'";
    }

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        return Convert.FromBase64String(padded);
    }

    // The token is a secret: a record's generated ToString would print it.
    public override string ToString() => $"ID token of {Issuer}";
}
