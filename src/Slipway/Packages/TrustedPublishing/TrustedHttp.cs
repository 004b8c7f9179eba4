using System.Net.Http.Headers;
using System.Text.Json;
using Slipway.Diagnostics;

namespace Slipway.Packages.TrustedPublishing;

/// <summary>One JSON request of an exchange: bounded answer, parsed once, every message redacted before it is shown.</summary>
internal static class TrustedHttp
{
    private const int AnswerLimit = 256 * 1024;

    public static async Task<(int Status, JsonElement? Json, string Text)> SendAsync(
        HttpClient http, HttpMethod method, Uri url, string? bearer, string? jsonBody, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.ParseAdd("application/json");
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, System.Text.Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
            && exception is HttpRequestException or TaskCanceledException or IOException)
        {
            throw TrustedPublishingErrors.AnswerInvalid($"{method} {url}", $"no answer ({redactor.Redact(exception.Message)})");
        }

        using (response)
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, AnswerLimit + 1L - buffer.Length)), cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > AnswerLimit)
                {
                    throw TrustedPublishingErrors.AnswerInvalid($"{method} {url}", $"the answer is larger than {AnswerLimit / 1024} KiB");
                }
            }

            var text = redactor.Redact(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            JsonElement? json = null;
            try
            {
                using var document = JsonDocument.Parse(buffer.ToArray());
                json = document.RootElement.Clone();
            }
            catch (JsonException)
            {
            }

            return ((int)response.StatusCode, json, text.Length > 300 ? text[..300] + "…" : text);
        }
    }

    public static string? String(JsonElement? json, string property) =>
        json is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
