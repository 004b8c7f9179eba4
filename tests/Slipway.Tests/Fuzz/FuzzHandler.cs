namespace Slipway.Tests.Fuzz;

/// <summary>An HTTP handler that answers from a function, so a fuzz input reaches the client without a server.</summary>
internal sealed class FuzzHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(answer(request));
}
