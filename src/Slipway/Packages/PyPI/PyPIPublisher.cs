using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Slipway.Diagnostics;

namespace Slipway.Packages.PyPI;

/// <summary>
/// Uploads wheels and sdists to a PyPI-style index with the legacy upload API as twine does, and reads what a release
/// holds through the JSON API (<c>/pypi/NAME/VERSION/json</c>, each file's sha256). Identity, not time: a file counts
/// as published only when the index lists this file name with this SHA-256.
/// </summary>
public sealed partial class PyPIPublisher : IPackagePublisher, IDisposable
{
    // warehouse/forklift/legacy.py MAXIMUM_AGE_FOR_NEW_UPLOADS_DAYS.
    internal static readonly TimeSpan UploadWindow = TimeSpan.FromDays(14);

    private readonly Uri _uploadUrl;
    private readonly Uri? _jsonApiUrl;
    private readonly IPackageCredential _credential;
    private readonly HttpClient _http;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _time;
    private readonly PyPIPublisherOptions _options;

    public PyPIPublisher(
        Uri uploadUrl,
        Uri? jsonApiUrl,
        IPackageCredential credential,
        HttpMessageHandler handler,
        SecretRedactor redactor,
        TimeProvider time,
        PyPIPublisherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(uploadUrl);
        ArgumentNullException.ThrowIfNull(handler);
        _uploadUrl = uploadUrl;
        _jsonApiUrl = jsonApiUrl is null || jsonApiUrl.AbsoluteUri.EndsWith('/') ? jsonApiUrl : new Uri(jsonApiUrl.AbsoluteUri + "/");
        _credential = credential ?? throw new ArgumentNullException(nameof(credential));
        _redactor = redactor ?? throw new ArgumentNullException(nameof(redactor));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? PyPIPublisherOptions.Default;
        _http = new HttpClient(handler, disposeHandler: false) { Timeout = _options.UploadTimeout };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("slipway", "0.1"));
    }

    public string Kind => "pypi";

    public void Dispose() => _http.Dispose();

    public PackageIdentity Inspect(PackageFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var distribution = DistributionReader.Read(file.Path, file.FileName);
        return new PackageIdentity(distribution.Name, distribution.Version);
    }

    public async Task<PackagePresence> ExistsAsync(PackageFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var distribution = DistributionReader.Read(file.Path, file.FileName);
        var release = await GetReleaseAsync(distribution, cancellationToken);
        return Presence(release, file);
    }

    public async Task<PublishOutcome> PublishAsync(PackageFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var distribution = DistributionReader.Read(file.Path, file.FileName);
        var digests = UploadDigests.Of(file.Path);
        if (!string.Equals(digests.Sha256, file.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw PyPIErrors.FileChanged(file.FileName, file.Sha256, digests.Sha256);
        }

        // Before the upload: the same file there is done, another file under the name is a hard error, and a release
        // past PyPI's window cannot take the missing files (a resume weeks later), so nothing is sent.
        var release = await GetReleaseAsync(distribution, cancellationToken);
        switch (Presence(release, file))
        {
            case PackagePresence.Same:
                return PublishOutcome.AlreadyPresent;
            case PackagePresence.Different:
                throw PyPIErrors.FileExists(file.FileName, "the JSON API lists another sha256");
        }

        var created = release?.Where(f => f.UploadedAt is not null).Select(f => f.UploadedAt!.Value).DefaultIfEmpty().Min();
        if (created is { } since && since != default && _time.GetUtcNow() - since > UploadWindow)
        {
            throw PyPIErrors.ReleaseTooOld(distribution.Name, distribution.Version, since, "Warehouse's 14-day limit on new files");
        }

        return await UploadAsync(file, distribution, digests, cancellationToken);
    }

    public async Task VerifyAsync(PackageFile file, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var distribution = DistributionReader.Read(file.Path, file.FileName);
        if (_jsonApiUrl is null)
        {
            // An index without a JSON API confirmed the upload with its 200; there is nothing more to read.
            return;
        }

        var deadline = _time.GetUtcNow() + budget;
        var url = ReleaseUrl(distribution);
        while (true)
        {
            string last;
            try
            {
                var release = await GetReleaseAsync(distribution, cancellationToken);
                switch (Presence(release, file))
                {
                    case PackagePresence.Same:
                        return;
                    case PackagePresence.Different:
                        throw PyPIErrors.FileExists(file.FileName, "the JSON API lists another sha256");
                }

                last = release is null ? "404, no such release yet" : "the release does not list the file yet";
            }
            catch (SlipwayException exception) when (exception.Code == ErrorCode.PyPIAnswerInvalid && IsTransient(exception))
            {
                last = exception.Message;
            }

            if (_time.GetUtcNow() + _options.PollInterval > deadline)
            {
                throw PyPIErrors.VerifyTimedOut(file.FileName, url, budget, last);
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken);
        }
    }

    private async Task<PublishOutcome> UploadAsync(
        PackageFile file, PythonDistribution distribution, UploadDigests digests, CancellationToken cancellationToken)
    {
        var fields = UploadForm(distribution, digests);
        var failures = new List<string>();
        for (var attempt = 1; attempt <= _options.UploadAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(_options.RetryDelay * (1 << (attempt - 2)), _time, cancellationToken);
            }

            var token = await _credential.GetTokenAsync(cancellationToken);
            _redactor.Register(token);
            using var request = new HttpRequestMessage(HttpMethod.Post, _uploadUrl)
            {
                Content = new UploadContent(fields, file.FileName, file.Path, file.Length),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("__token__:" + token)));

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested
                && exception is HttpRequestException or TaskCanceledException or IOException)
            {
                // The answer is lost, not the upload: the index may have stored the file. Ask it before sending again.
                failures.Add(_redactor.Redact(exception.Message));
                if (await StoredAsync(distribution, file, cancellationToken))
                {
                    return PublishOutcome.Published;
                }

                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (response.RequestMessage?.RequestUri is { } sent && sent != _uploadUrl)
                {
                    throw PyPIErrors.RedirectRefused(_uploadUrl, sent.ToString());
                }

                if (status is >= 300 and < 400)
                {
                    throw PyPIErrors.RedirectRefused(_uploadUrl, response.Headers.Location?.ToString() ?? "(no Location)");
                }

                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return PublishOutcome.Published;
                }

                var detail = await DetailAsync(response, cancellationToken);
                if (status >= 500)
                {
                    failures.Add($"{status} {detail}");
                    if (await StoredAsync(distribution, file, cancellationToken))
                    {
                        return PublishOutcome.Published;
                    }

                    continue;
                }

                throw status switch
                {
                    400 when detail.StartsWith("File already exists", StringComparison.OrdinalIgnoreCase) => PyPIErrors.FileExists(file.FileName, detail),
                    400 when detail.Contains("older than 14 days", StringComparison.OrdinalIgnoreCase) => PyPIErrors.ReleaseWindowClosed(file.FileName, detail),
                    401 => PyPIErrors.Unauthorized(_uploadUrl, detail),
                    403 => PyPIErrors.Forbidden(_uploadUrl, detail),
                    _ => PyPIErrors.Rejected(file.FileName, _uploadUrl, status, detail),
                };
            }
        }

        throw PyPIErrors.UploadFailed(file.FileName, _uploadUrl, _options.UploadAttempts, string.Join("; ", failures.Distinct()));
    }

    private static List<UploadField> UploadForm(PythonDistribution distribution, UploadDigests digests)
    {
        var fields = new List<UploadField>(distribution.MetadataFields)
        {
            new("pyversion", distribution.PyVersion),
            new("filetype", distribution.FileType),
            new("sha256_digest", digests.Sha256),
            new("blake2_256_digest", digests.Blake2b256),
            new(":action", "file_upload"),
            new("protocol_version", "1"),
        };
        return fields;
    }

    /// <summary>Whether the index lists the file with our sha256 (after a lost answer); false when it cannot say.</summary>
    private async Task<bool> StoredAsync(PythonDistribution distribution, PackageFile file, CancellationToken cancellationToken)
    {
        if (_jsonApiUrl is null)
        {
            return false;
        }

        try
        {
            return Presence(await GetReleaseAsync(distribution, cancellationToken), file) == PackagePresence.Same;
        }
        catch (SlipwayException exception) when (IsTransient(exception))
        {
            return false;
        }
    }

    // PyPI puts its message in the reason phrase (warehouse forklift `_exc_with_message`); other indexes use the body.
    private async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var reason = response.ReasonPhrase;
        var generic = string.IsNullOrWhiteSpace(reason)
            || string.Equals(reason, ReasonPhrases.For((int)response.StatusCode), StringComparison.OrdinalIgnoreCase);
        string text;
        if (generic)
        {
            var (bytes, _) = await JsonApi.ReadUpToAsync(response, 2048, cancellationToken);
            var body = System.Text.Encoding.UTF8.GetString(bytes);
            text = string.IsNullOrWhiteSpace(body) ? reason ?? response.StatusCode.ToString() : body.Trim();
        }
        else
        {
            text = reason!;
        }

        text = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return _redactor.Redact(text.Length > 300 ? text[..300] + "…" : text);
    }
}
