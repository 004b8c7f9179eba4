using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Slipway.Diagnostics;

namespace Slipway.Oci;

/// <summary>
/// Docker Hub's own API, for what its registry refuses: deleting a tag. Log in at <c>POST /v2/users/login</c> for a
/// JWT, then <c>DELETE /v2/repositories/{namespace}/{repository}/tags/{tag}/</c> with it as a Bearer token.
/// </summary>
public sealed class DockerHubApi(HttpClient http, Uri baseUri, SecretRedactor? redactor = null)
{
    private const int MaxLoginAnswer = 1024 * 1024;

    public async Task DeleteTagAsync(ImageReference tagged, RegistryCredentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tagged);
        ArgumentNullException.ThrowIfNull(credentials);
        var token = await LoginAsync(credentials, cancellationToken);
        var slash = tagged.Repository.IndexOf('/', StringComparison.Ordinal);
        var path = $"v2/repositories/{tagged.Repository[..slash]}/{tagged.Repository[(slash + 1)..]}/tags/{tagged.Tag}/";
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(baseUri, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw OciErrors.TagNotFound(tagged);
        }

        await RegistryClient.EnsureSuccessAsync(response, ErrorCode.TagNotFound, cancellationToken);
    }

    private async Task<string> LoginAsync(RegistryCredentials credentials, CancellationToken cancellationToken)
    {
        var body = OciJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("username", credentials.Username);
            writer.WriteString("password", credentials.Password);
            writer.WriteEndObject();
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "v2/users/login"))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await RegistryClient.EnsureSuccessAsync(response, ErrorCode.RegistryUnauthorized, cancellationToken);
        var bytes = await BoundedContent.ReadAsync(response, MaxLoginAnswer, "login answer", cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(bytes);
            var token = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("token", out var t)
                && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (string.IsNullOrEmpty(token))
            {
                throw OciErrors.TokenFailed(new Uri(baseUri, "v2/users/login"), "the answer has no token");
            }

            redactor?.Register(token);
            return token;
        }
        catch (JsonException exception)
        {
            throw OciErrors.TokenFailed(new Uri(baseUri, "v2/users/login"), $"the answer is not JSON: {Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 100)])} ({exception.Message})");
        }
    }
}
