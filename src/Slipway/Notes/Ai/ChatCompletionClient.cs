using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;

namespace Slipway.Notes.Ai;

/// <summary>
/// A minimal client of the OpenAI-compatible <c>POST {endpoint}/chat/completions</c>: one non-streaming request, the
/// answer read within a size cap, every failure (unreachable, timeout, HTTP status, unreadable or empty answer)
/// returned as a reason rather than thrown, because a narrative that cannot be written never stops a release.
/// Redirects are not followed, so the API key is only ever sent to the configured host.
/// </summary>
public sealed class ChatCompletionClient : IDisposable
{
    private const int ResponseCap = 8 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly TimeSpan _timeout;

    public ChatCompletionClient(Uri endpoint, string? apiKey, TimeSpan timeout, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var text = endpoint.ToString().TrimEnd('/');
        _url = new Uri(text.EndsWith("/chat/completions", StringComparison.Ordinal) ? text : text + "/chat/completions");
        _timeout = timeout;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = timeout }, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (apiKey is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    public Uri Url => _url;

    public async Task<ChatOutcome> CompleteAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var content = JsonContent(request);
            using var response = await _http.PostAsync(_url, content, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return new ChatOutcome(null, $"POST {_url} returned {(int)response.StatusCode} {response.ReasonPhrase}{await ErrorMessageAsync(response, timeout.Token)}");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            var body = await ReadCappedAsync(stream, timeout.Token);
            if (body is null)
            {
                return new ChatOutcome(null, $"POST {_url} answered more than {ResponseCap} bytes");
            }

            ChatResponse? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize(body, ChatJsonContext.Default.ChatResponse);
            }
            catch (JsonException e)
            {
                return new ChatOutcome(null, $"POST {_url} answered what is not a chat completion: {e.Message}");
            }

            var message = parsed?.Choices is [{ Message: { } first }, ..] ? first : null;
            var text = FirstText(message?.Content, message?.ReasoningContent, message?.Reasoning);
            return text is null
                ? new ChatOutcome(null, $"the model's answer from {_url} was empty")
                : new ChatOutcome(text, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ChatOutcome(null, $"POST {_url} did not answer within {_timeout.TotalSeconds:0}s");
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is SocketException socket ? socket.Message : e.Message;
            return new ChatOutcome(null, $"cannot reach {_url}: {reason}");
        }
    }

    public void Dispose() => _http.Dispose();

    private static ByteArrayContent JsonContent(ChatRequest request)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, ChatJsonContext.Default.ChatRequest));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    // The answer first; the reasoning only when the answer is empty. A <think> block some servers leave in the
    // content is the model's scratch work, not the narrative.
    private static string? FirstText(params string?[] candidates)
    {
        foreach (var candidate in candidates)
        {
            var text = candidate is null ? null : WithoutThinking(candidate).Trim();
            if (text is { Length: > 0 })
            {
                return text;
            }
        }

        return null;
    }

    private static string WithoutThinking(string text)
    {
        const string Close = "</think>";
        var end = text.IndexOf(Close, StringComparison.Ordinal);
        return text.TrimStart().StartsWith("<think>", StringComparison.Ordinal) && end >= 0 ? text[(end + Close.Length)..] : text;
    }

    private static async Task<byte[]?> ReadCappedAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > ResponseCap)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var chunk = new byte[2048];
            var read = await stream.ReadAtLeastAsync(chunk, chunk.Length, throwOnEndOfStream: false, cancellationToken);
            using var document = JsonDocument.Parse(chunk.AsMemory(0, read));
            return document.RootElement.TryGetProperty("error", out var error)
                && (error.ValueKind == JsonValueKind.String ? error : error.TryGetProperty("message", out var m) ? m : default) is { ValueKind: JsonValueKind.String } text
                ? $": {text.GetString()}"
                : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
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
}
