using System.Net;

namespace Slipway.Tests.Infra.Registry;

/// <summary>An <see cref="HttpListener"/> on a free 127.0.0.1 port that hands each request to <see cref="HandleAsync"/>.</summary>
public abstract class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    protected LoopbackHttpServer()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Port = FreePort.Next();
                _listener.Prefixes.Clear();
                _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
                _listener.Start();
                return;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // The port was taken between asking and binding; ask again.
            }
        }
    }

    public int Port { get; private set; }

    public string Host => $"127.0.0.1:{Port}";

    public Uri BaseUri => new($"http://{Host}/");

    /// <summary>Starts serving; each request runs on its own task.</summary>
    protected void Serve() => _loop = Task.Run(LoopAsync);

    protected abstract Task HandleAsync(HttpListenerContext context);

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await HandleAsync(context);
                }
                catch (Exception exception) when (exception is HttpListenerException or IOException or HttpRequestException or ObjectDisposedException)
                {
                    context.Response.Abort();
                }
            });
        }
    }

    protected static async Task WriteJsonAsync(HttpListenerResponse response, int status, string body)
    {
        ArgumentNullException.ThrowIfNull(response);
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }
}
