using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Slipway.Packages;

/// <summary>
/// The HTTP a package registry is reached through: answers read with a size cap applied while reading, a failed
/// request said as <c>PUT https://host/path returned 409 Conflict: the registry's message</c>, and the token sent only
/// to the registry's own origin (never to a tarball host elsewhere).
/// </summary>
internal static class PackageHttp
{
    public const int DocumentLimit = 64 * 1024 * 1024;
    private const int ErrorLimit = 4096;

    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw PackageErrors.RegistryUnreachable(request.Method.Method, request.RequestUri!, e.Message);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw PackageErrors.RegistryUnreachable(request.Method.Method, request.RequestUri!, $"no answer in time ({e.Message})");
        }
    }

    public static async Task<byte[]> ReadAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        var uri = response.RequestMessage?.RequestUri ?? new Uri("http://unknown/");
        var method = response.RequestMessage?.Method.Method ?? "GET";
        if (response.Content.Headers.ContentLength > limit)
        {
            throw PackageErrors.RegistryUnreachable(method, uri, $"the answer is {response.Content.Headers.ContentLength} bytes, over the {limit} byte limit");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw PackageErrors.RegistryUnreachable(method, uri, $"the answer is over the {limit} byte limit");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The coded failure of an answer that was not a success, with the start of the server's message.</summary>
    public static async Task<Diagnostics.SlipwayException> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var detail = await ErrorTextAsync(response, cancellationToken);
        return PackageErrors.RegistryFailed(response.RequestMessage!.Method.Method, response.RequestMessage.RequestUri!, (int)response.StatusCode, response.ReasonPhrase, detail);
    }

    public static async Task<string> ErrorTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[ErrorLimit];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
            {
                total += read;
            }

            var text = Encoding.UTF8.GetString(buffer, 0, total);
            return new string([.. text.Take(300).Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        }
        catch (HttpRequestException)
        {
            return string.Empty;
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    public static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    public static void Bearer(HttpRequestMessage request, string token) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

    /// <summary>Answers that a retry will not change: bad credentials, a refusal, a malformed request.</summary>
    public static bool Permanent(HttpStatusCode status) => (int)status is >= 400 and < 500 and not 404 and not 408 and not 429;
}
