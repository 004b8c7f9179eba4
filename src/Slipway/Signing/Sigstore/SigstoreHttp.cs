using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Slipway.Diagnostics;

namespace Slipway.Signing.Sigstore;

/// <summary>One request to a Sigstore service; the answer is read up to a cap while it arrives, and redacted before it is quoted.</summary>
internal static class SigstoreHttp
{
    public const int MaxAnswer = 4 * 1024 * 1024;

    public static async Task<(int Status, byte[] Body)> SendAsync(
        HttpClient http, HttpMethod method, Uri url, byte[]? body, string contentType, string? bearer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("bearer", bearer);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxAnswer)
            {
                throw SigningErrors.SigstoreAnswerInvalid(url, $"the answer exceeds {MaxAnswer} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return ((int)response.StatusCode, buffer.ToArray());
    }

    /// <summary>What a service said when it refused: its JSON <c>message</c>, else the text, one line and bounded.</summary>
    public static string Message(byte[] body, SecretRedactor redactor)
    {
        var text = Encoding.UTF8.GetString(body);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                text = message.GetString()!;
            }
        }
        catch (JsonException)
        {
        }

        text = text.ReplaceLineEndings(" ").Trim();
        return redactor.Redact(text.Length > 300 ? text[..300] + "…" : text);
    }
}
