using System.Text;
using System.Text.Json;
using Slipway.Diagnostics;

namespace Slipway.Signing.Sigstore;

/// <summary>
/// Rekor's <c>POST /api/v1/log/entries</c> for a DSSE envelope (kind <c>dsse</c> 0.0.1, the signing certificate as the
/// verifier). The answer's entry keeps the canonical body, the signed entry timestamp and the inclusion proof.
/// </summary>
public sealed class RekorClient(HttpClient http, Uri baseUrl, SecretRedactor redactor)
{
    public async Task<TlogEntry> LogDsseAsync(byte[] envelopeJson, string certificatePem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopeJson);
        var body = SigningJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion", "0.0.1");
            writer.WriteString("kind", "dsse");
            writer.WriteStartObject("spec");
            writer.WriteStartObject("proposedContent");
            writer.WriteString("envelope", Encoding.UTF8.GetString(envelopeJson));
            writer.WriteStartArray("verifiers");
            writer.WriteStringValue(Convert.ToBase64String(Encoding.UTF8.GetBytes(certificatePem)));
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        var url = new Uri(baseUrl.ToString().TrimEnd('/') + "/api/v1/log/entries");
        int status;
        byte[] answer;
        try
        {
            (status, answer) = await SigstoreHttp.SendAsync(http, HttpMethod.Post, url, body, "application/json", null, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw SigningErrors.TransparencyLogFailed(url, e.Message);
        }

        if (status != 201 && status != 200)
        {
            throw SigningErrors.TransparencyLogFailed(url, $"{status} {SigstoreHttp.Message(answer, redactor)}");
        }

        return Parse(url, answer);
    }

    private static TlogEntry Parse(Uri url, byte[] answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer);
            var entry = document.RootElement.EnumerateObject().Single().Value;
            var verification = entry.GetProperty("verification");
            var proof = verification.GetProperty("inclusionProof");
            var body = Convert.FromBase64String(entry.GetProperty("body").GetString()!);
            using var canonical = JsonDocument.Parse(body);
            return new TlogEntry(
                entry.GetProperty("logIndex").GetInt64(),
                Convert.FromHexString(entry.GetProperty("logID").GetString()!),
                canonical.RootElement.GetProperty("kind").GetString()!,
                canonical.RootElement.GetProperty("apiVersion").GetString()!,
                entry.GetProperty("integratedTime").GetInt64(),
                Convert.FromBase64String(verification.GetProperty("signedEntryTimestamp").GetString()!),
                body,
                new InclusionProof(
                    proof.GetProperty("logIndex").GetInt64(),
                    proof.GetProperty("treeSize").GetInt64(),
                    Convert.FromHexString(proof.GetProperty("rootHash").GetString()!),
                    [.. proof.GetProperty("hashes").EnumerateArray().Select(h => Convert.FromHexString(h.GetString()!))],
                    proof.GetProperty("checkpoint").GetString()!));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentNullException)
        {
            throw SigningErrors.SigstoreAnswerInvalid(url, e.Message);
        }
    }
}
