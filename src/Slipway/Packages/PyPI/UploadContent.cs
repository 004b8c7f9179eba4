using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Slipway.Packages.PyPI;

/// <summary>
/// The legacy upload API's <c>multipart/form-data</c> body as twine (requests-toolbelt) writes it: one part per text
/// field with only a Content-Disposition header, then the file as <c>content</c> with its base name and
/// <c>application/octet-stream</c>. The file is streamed, never buffered; the length is known beforehand.
/// </summary>
internal sealed class UploadContent : HttpContent
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);
    private readonly byte[] _head;
    private readonly byte[] _tail;
    private readonly string _path;
    private readonly long _fileLength;

    public UploadContent(IEnumerable<UploadField> fields, string fileName, string path, long fileLength)
    {
        var boundary = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var head = new StringBuilder();
        foreach (var field in fields)
        {
            head.Append("--").Append(boundary).Append("\r\n")
                .Append("Content-Disposition: form-data; name=\"").Append(field.Name).Append("\"\r\n\r\n")
                .Append(field.Value).Append("\r\n");
        }

        head.Append("--").Append(boundary).Append("\r\n")
            .Append("Content-Disposition: form-data; name=\"content\"; filename=\"").Append(fileName).Append("\"\r\n")
            .Append("Content-Type: application/octet-stream\r\n\r\n");
        _head = Utf8.GetBytes(head.ToString());
        _tail = Utf8.GetBytes($"\r\n--{boundary}--\r\n");
        _path = path;
        _fileLength = fileLength;
        Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_head, cancellationToken);
        await using (var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
        {
            await file.CopyToAsync(stream, 1 << 16, cancellationToken);
        }

        await stream.WriteAsync(_tail, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _head.Length + _fileLength + _tail.Length;
        return true;
    }
}
