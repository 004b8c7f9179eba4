using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Slipway.Diagnostics;

namespace Slipway.Signing.Sigstore;

/// <summary>
/// Fulcio's <c>POST /api/v2/signingCert</c>: the ID token, the ephemeral public key (PEM) and the proof of possession,
/// the key's signature over the token's <c>sub</c> claim. Answers the chain, leaf first.
/// </summary>
public sealed class FulcioClient(HttpClient http, Uri baseUrl, SecretRedactor redactor)
{
    public async Task<IReadOnlyList<X509Certificate2>> SigningCertificateAsync(IdToken token, ECDsa key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(key);
        var proof = Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(token.Subject), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        redactor.Register(proof);
        var body = SigningJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("credentials");
            writer.WriteString("oidcIdentityToken", token.Value);
            writer.WriteEndObject();
            writer.WriteStartObject("publicKeyRequest");
            writer.WriteStartObject("publicKey");
            writer.WriteString("algorithm", "ECDSA");
            writer.WriteString("content", key.ExportSubjectPublicKeyInfoPem());
            writer.WriteEndObject();
            writer.WriteString("proofOfPossession", proof);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        var url = new Uri(baseUrl.ToString().TrimEnd('/') + "/api/v2/signingCert");
        int status;
        byte[] answer;
        try
        {
            (status, answer) = await SigstoreHttp.SendAsync(http, HttpMethod.Post, url, body, "application/json", null, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw SigningErrors.FulcioUnreachable(url, e.Message);
        }

        if (status is < 200 or > 299)
        {
            throw SigningErrors.FulcioRefused(url, status, SigstoreHttp.Message(answer, redactor));
        }

        return ParseChain(url, answer);
    }

    private static List<X509Certificate2> ParseChain(Uri url, byte[] answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer);
            var root = document.RootElement;
            var signed = root.TryGetProperty("signedCertificateEmbeddedSct", out var embedded) ? embedded : root.GetProperty("signedCertificateDetachedSct");
            var chain = signed.GetProperty("chain").GetProperty("certificates").EnumerateArray()
                .Select(pem => X509Certificate2.CreateFromPem(pem.GetString()))
                .ToList();
            return chain.Count > 0 ? chain : throw SigningErrors.SigstoreAnswerInvalid(url, "the chain is empty");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or CryptographicException or ArgumentException)
        {
            throw SigningErrors.SigstoreAnswerInvalid(url, e.Message);
        }
    }
}
