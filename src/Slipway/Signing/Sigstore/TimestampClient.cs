using System.Security.Cryptography;
using Slipway.Diagnostics;

namespace Slipway.Signing.Sigstore;

/// <summary>
/// An RFC 3161 timestamp of a signature from Sigstore's timestamp authority (<c>POST /api/v1/timestamp</c> with its JSON
/// request: the SHA-256 of the signature, certificates included). Answers the DER timestamp response.
/// </summary>
public sealed class TimestampClient(HttpClient http, Uri baseUrl, SecretRedactor redactor)
{
    public async Task<byte[]> TimestampAsync(byte[] signature, CancellationToken cancellationToken)
    {
        var body = SigningJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("artifactHash", Convert.ToBase64String(SHA256.HashData(signature)));
            writer.WriteString("hashAlgorithm", "sha256");
            writer.WriteBoolean("certificates", true);
            writer.WriteEndObject();
        });
        var url = new Uri(baseUrl.ToString().TrimEnd('/') + "/api/v1/timestamp");
        int status;
        byte[] answer;
        try
        {
            (status, answer) = await SigstoreHttp.SendAsync(http, HttpMethod.Post, url, body, "application/json", null, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw SigningErrors.TimestampFailed(url, e.Message);
        }

        return status is 200 or 201 ? answer : throw SigningErrors.TimestampFailed(url, $"{status} {SigstoreHttp.Message(answer, redactor)}");
    }
}
