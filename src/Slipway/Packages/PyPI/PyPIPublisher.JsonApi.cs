using System.Net;
using System.Text.Json;
using Slipway.Diagnostics;

namespace Slipway.Packages.PyPI;

public sealed partial class PyPIPublisher
{
    // A release's JSON carries the long description; 32 MiB is far above any real one.
    private const int ReleaseAnswerLimit = 32 * 1024 * 1024;

    private Uri ReleaseUrl(PythonDistribution distribution) =>
        new(_jsonApiUrl!, $"{Uri.EscapeDataString(ProjectName.Normalize(distribution.Name))}/{Uri.EscapeDataString(distribution.Version)}/json");

    /// <summary>The release's files, null when the index has no such release (404), or none known without a JSON API.</summary>
    private async Task<IReadOnlyList<PyPIReleaseFile>?> GetReleaseAsync(PythonDistribution distribution, CancellationToken cancellationToken)
    {
        if (_jsonApiUrl is null)
        {
            return null;
        }

        var url = ReleaseUrl(distribution);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/json");
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
            && exception is HttpRequestException or TaskCanceledException or IOException)
        {
            throw Transient(PyPIErrors.AnswerInvalid(url, $"no answer ({_redactor.Redact(exception.Message)})"));
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                var error = PyPIErrors.AnswerInvalid(url, $"returned {(int)response.StatusCode} {response.ReasonPhrase}");
                throw (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests ? Transient(error) : error;
            }

            var (bytes, complete) = await JsonApi.ReadUpToAsync(response, ReleaseAnswerLimit, cancellationToken);
            if (!complete)
            {
                throw PyPIErrors.AnswerInvalid(url, $"the answer is larger than {ReleaseAnswerLimit / (1024 * 1024)} MiB");
            }

            return JsonApi.TryParseRelease(bytes, out var files, out var problem)
                ? files
                : throw PyPIErrors.AnswerInvalid(url, problem);
        }
    }

    private static PackagePresence Presence(IReadOnlyList<PyPIReleaseFile>? release, PackageFile file)
    {
        var listed = release?.FirstOrDefault(f => f.FileName == file.FileName);
        return listed is null ? PackagePresence.Absent
            : string.Equals(listed.Sha256, file.Sha256, StringComparison.OrdinalIgnoreCase) ? PackagePresence.Same
            : PackagePresence.Different;
    }

    private static SlipwayException Transient(SlipwayException exception)
    {
        exception.Data["transient"] = true;
        return exception;
    }

    private static bool IsTransient(SlipwayException exception) => exception.Data.Contains("transient");

    private static class JsonApi
    {
        public static async Task<(byte[] Bytes, bool Complete)> ReadUpToAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
        {
            if (response.Content.Headers.ContentLength > limit)
            {
                return ([], false);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            while (true)
            {
                var read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit + 1L - buffer.Length)), cancellationToken);
                if (read == 0)
                {
                    return (buffer.ToArray(), true);
                }

                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                {
                    return (buffer.GetBuffer().AsSpan(0, limit).ToArray(), false);
                }
            }
        }

        public static bool TryParseRelease(byte[] bytes, out IReadOnlyList<PyPIReleaseFile> files, out string problem)
        {
            files = [];
            problem = string.Empty;
            try
            {
                using var document = JsonDocument.Parse(bytes);
                if (document.RootElement.ValueKind != JsonValueKind.Object
                    || !document.RootElement.TryGetProperty("urls", out var urls) || urls.ValueKind != JsonValueKind.Array)
                {
                    problem = "the answer has no 'urls' array";
                    return false;
                }

                var result = new List<PyPIReleaseFile>();
                foreach (var url in urls.EnumerateArray())
                {
                    if (url.ValueKind != JsonValueKind.Object
                        || !url.TryGetProperty("filename", out var name) || name.ValueKind != JsonValueKind.String
                        || !url.TryGetProperty("digests", out var digests) || digests.ValueKind != JsonValueKind.Object
                        || !digests.TryGetProperty("sha256", out var sha) || sha.ValueKind != JsonValueKind.String)
                    {
                        problem = "a file in 'urls' has no filename or digests.sha256";
                        return false;
                    }

                    DateTimeOffset? uploaded = url.TryGetProperty("upload_time_iso_8601", out var time)
                        && time.ValueKind == JsonValueKind.String && time.TryGetDateTimeOffset(out var at) ? at : null;
                    result.Add(new PyPIReleaseFile(name.GetString()!, sha.GetString()!, uploaded));
                }

                files = result;
                return true;
            }
            catch (JsonException)
            {
                problem = "the answer is not JSON";
                return false;
            }
        }
    }
}
