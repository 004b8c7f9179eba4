using System.Text;

namespace Slipway.Tests.Infra.NuGet;

/// <summary>One push as the feed received it: method, path, headers, and the multipart part that carried the package.</summary>
public sealed record CapturedPush(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string PartHeaders, byte[] Package)
{
    public static CapturedPush Parse(string method, string path, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        var contentType = headers.GetValueOrDefault("Content-Type") ?? string.Empty;
        var boundaryAt = contentType.IndexOf("boundary=", StringComparison.OrdinalIgnoreCase);
        if (boundaryAt < 0)
        {
            return new CapturedPush(method, path, headers, string.Empty, body);
        }

        var boundary = "--" + contentType[(boundaryAt + "boundary=".Length)..].Trim('"');
        var latin = Encoding.Latin1.GetString(body);
        var start = latin.IndexOf(boundary, StringComparison.Ordinal) + boundary.Length + 2;
        var headerEnd = latin.IndexOf("\r\n\r\n", start, StringComparison.Ordinal);
        var end = latin.IndexOf("\r\n" + boundary, headerEnd, StringComparison.Ordinal);
        var partHeaders = latin[start..headerEnd];
        return new CapturedPush(method, path, headers, partHeaders, body[(headerEnd + 4)..end]);
    }
}
