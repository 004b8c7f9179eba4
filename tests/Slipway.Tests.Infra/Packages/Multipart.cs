using System.Net.Http.Headers;
using System.Text;

namespace Slipway.Tests.Infra.Packages;

/// <summary>A small multipart/form-data reader for asserting on upload bodies: each part's name, filename and bytes.</summary>
public sealed record Multipart(IReadOnlyList<Multipart.Part> Parts)
{
    public sealed record Part(string Name, string? FileName, string? ContentType, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body);
    }

    public string Value(string name) => Parts.Single(p => p.Name == name).Text;

    public byte[] File(string name, string fileName) => Parts.Single(p => p.Name == name && p.FileName == fileName).Body;

    public static Multipart Parse(MediaTypeHeaderValue contentType, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        return ParseWithBoundary(contentType.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"'), body);
    }

    public static Multipart Parse(string contentType, byte[] body) => Parse(MediaTypeHeaderValue.Parse(contentType), body);

    public static Multipart ParseWithBoundary(string boundary, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(boundary);
        ArgumentNullException.ThrowIfNull(body);
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new List<Part>();
        var position = IndexOf(body, delimiter, 0) + delimiter.Length;
        while (position < body.Length && !(body[position] == '-' && body[position + 1] == '-'))
        {
            position += 2; // CRLF after the delimiter
            var headerEnd = IndexOf(body, "\r\n\r\n"u8.ToArray(), position);
            var headers = Encoding.UTF8.GetString(body, position, headerEnd - position).Split("\r\n");
            var next = IndexOf(body, Encoding.ASCII.GetBytes("\r\n--" + boundary), headerEnd + 4);
            var content = body[(headerEnd + 4)..next];
            var disposition = headers.Single(h => h.StartsWith("Content-Disposition:", StringComparison.OrdinalIgnoreCase));
            var type = headers.FirstOrDefault(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?.Split(':', 2)[1].Trim();
            parts.Add(new Part(Parameter(disposition, "name")!, Parameter(disposition, "filename"), type, content));
            position = next + 2 + delimiter.Length;
        }

        return new Multipart(parts);
    }

    private static string? Parameter(string header, string name)
    {
        var marker = $"; {name}=\"";
        var start = header.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += marker.Length;
        return header[start..header.IndexOf('"', start)];
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from)
    {
        var index = haystack.AsSpan(from).IndexOf(needle);
        return index < 0 ? throw new InvalidDataException("multipart body is truncated") : from + index;
    }
}
