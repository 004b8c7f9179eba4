using System.Net;
using System.Text.Json;
using Slipway.Diagnostics;

namespace Slipway.Oci;

/// <summary>Maps a failed response to one error, with the registry's own error code and message (spec.md "Error Codes").</summary>
public sealed partial class RegistryClient
{
    private const int MaxErrorBody = 64 * 1024;

    internal static async Task EnsureSuccessAsync(HttpResponseMessage response, ErrorCode notFound, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        throw await ErrorAsync(response, notFound, cancellationToken);
    }

    internal static async Task<Exception> ErrorAsync(HttpResponseMessage response, ErrorCode notFound, CancellationToken cancellationToken)
    {
        var body = await BoundedContent.ReadTruncatedAsync(response, MaxErrorBody, cancellationToken);
        var (registryCode, detail) = ParseErrorBody(body);
        var code = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => ErrorCode.RegistryUnauthorized,
            HttpStatusCode.Forbidden => ErrorCode.RegistryForbidden,
            HttpStatusCode.NotFound => notFound,
            _ => ErrorCode.RegistryRequestFailed,
        };
        var request = response.RequestMessage!;
        return OciErrors.Http(request.Method, request.RequestUri!, response.StatusCode, registryCode, detail, code);
    }

    internal static (string? Code, string? Detail) ParseErrorBody(byte[] body)
    {
        if (body.Length == 0)
        {
            return (null, null);
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array
                && errors.GetArrayLength() > 0
                && errors[0].ValueKind == JsonValueKind.Object)
            {
                var first = errors[0];
                var code = first.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                var message = first.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                return (code is null ? null : Excerpt(code), message is null ? null : Excerpt(message));
            }
        }
        catch (JsonException)
        {
            // Not the spec's error body: show the text itself.
        }

        return (null, Excerpt(System.Text.Encoding.UTF8.GetString(body).Trim()));
    }

    /// <summary>The start of a text the registry sent, for a message.</summary>
    internal static string Excerpt(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
