using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Slipway.Configuration;

namespace Slipway.Packages.NuGet;

/// <summary>
/// Pushes .nupkg and .snupkg files to a NuGet feed: an HTTP v3 feed (the service index's <c>PackagePublish</c> and
/// <c>SymbolPackagePublish</c> resources, a multipart <c>PUT</c> with <c>X-NuGet-ApiKey</c>, existence and
/// verification through <c>PackageBaseAddress</c>), or a local folder in the hierarchical layout <c>dotnet nuget
/// push</c> writes (<c>id/version/id.version.nupkg</c>, its <c>.sha512</c> and <c>id.nuspec</c>). A 409 (the version
/// exists) is resolved by the content hash of the package's parts, never the file's hash: nuget.org re-signs.
/// </summary>
public sealed class NuGetPublisher : IPackagePublisher, IPackageLocator, IDisposable
{
    public static readonly Uri PublicFeed = new("https://api.nuget.org/v3/index.json");
    public const long PackageLimit = 512L * 1024 * 1024;

    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(15);

    private readonly Uri? _index;
    private readonly string? _folder;
    private readonly IPackageCredential? _credential;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private ServiceIndex? _resources;

    public NuGetPublisher(PackageSection section, string repositoryRoot, IPackageCredential? credential, TimeProvider time, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        var registry = section.Registry;
        if (registry is not null && !registry.StartsWith("http://", StringComparison.Ordinal) && !registry.StartsWith("https://", StringComparison.Ordinal))
        {
            _folder = Path.GetFullPath(Path.Combine(repositoryRoot, registry));
        }
        else
        {
            _index = registry is null ? PublicFeed : new Uri(registry);
        }

        _credential = credential;
        _time = time;
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(10) }
            : new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromMinutes(10) };
    }

    public string Kind => PackageSection.NuGetKind;

    /// <summary>A folder feed needs no key; an HTTP feed does.</summary>
    public bool NeedsCredential => _folder is null;

    public PackageIdentity Inspect(PackageFile file)
    {
        var package = NuGetPackage.Read(file);
        var expected = $"{package.Id}.{package.Version}{Extension(file)}";
        if (!string.Equals(file.FileName, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw PackageErrors.IdentityMismatch(file.FileName, $"its nuspec declares {package.Id} {package.Version}, so the file would be {expected}");
        }

        return new PackageIdentity(package.Id, package.Version);
    }

    public Uri RegistryFor(PackageFile file) => _folder is null ? _index! : new Uri(_folder + Path.DirectorySeparatorChar);

    public Uri Location(PackageFile file)
    {
        var package = NuGetPackage.Read(file);
        if (_folder is not null)
        {
            return new Uri(FolderPath(package, Extension(file)));
        }

        return _index == PublicFeed
            ? new Uri($"https://www.nuget.org/packages/{package.Id}/{package.Version}")
            : new Uri(_index!, $"#{package.Id}/{package.Version}");
    }

    public async Task<PackagePresence> ExistsAsync(PackageFile file, CancellationToken cancellationToken)
    {
        var package = NuGetPackage.Read(file);
        if (_folder is not null)
        {
            return FolderPresence(package, Extension(file));
        }

        if (IsSymbols(file))
        {
            // Symbol servers offer no flat container to read back; the .nupkg's identity stands for both.
            return PackagePresence.Absent;
        }

        var served = await DownloadAsync(package, cancellationToken);
        return served is null ? PackagePresence.Absent : Compare(served, package);
    }

    public async Task<PublishOutcome> PublishAsync(PackageFile file, CancellationToken cancellationToken)
    {
        var package = NuGetPackage.Read(file);
        if (_folder is not null)
        {
            return PublishToFolder(file, package);
        }

        var resources = await ResourcesAsync(cancellationToken);
        var target = IsSymbols(file)
            ? resources.SymbolPublish ?? throw PackageErrors.FeedFailed(_index!.ToString(), "the service index has no SymbolPackagePublish resource for .snupkg files; set symbols = false")
            : resources.Publish ?? throw PackageErrors.FeedFailed(_index!.ToString(), "the service index has no PackagePublish resource");
        // dotnet nuget push PUTs to the resource with a trailing slash; some servers route only that form.
        target = target.AbsoluteUri.EndsWith('/') ? target : new Uri(target.AbsoluteUri + "/");
        using var content = new MultipartFormDataContent();
        var part = new StreamContent(File.OpenRead(file.Path));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "package", "package.nupkg");
        using var request = new HttpRequestMessage(HttpMethod.Put, target) { Content = content };
        if (_credential is not null)
        {
            request.Headers.Add("X-NuGet-ApiKey", await _credential.GetTokenAsync(cancellationToken));
        }

        request.Headers.Add("X-NuGet-Protocol-Version", "4.1.0");
        HttpResponseMessage response;
        try
        {
            response = await PackageHttp.SendAsync(_http, request, cancellationToken);
        }
        catch (Diagnostics.SlipwayException) when (!cancellationToken.IsCancellationRequested && !IsSymbols(file))
        {
            // The answer was lost, not necessarily the push: the flat container says whether the feed has it.
            if (await DownloadAsync(package, cancellationToken) is { } stored && Compare(stored, package) == PackagePresence.Same)
            {
                return PublishOutcome.Published;
            }

            throw;
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return PublishOutcome.Published;
            }

            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                if (IsSymbols(file))
                {
                    return PublishOutcome.AlreadyPresent;
                }

                var served = await DownloadAsync(package, cancellationToken);
                switch (served is null ? PackagePresence.Absent : Compare(served, package))
                {
                    case PackagePresence.Same:
                        return PublishOutcome.AlreadyPresent;
                    case PackagePresence.Different:
                        throw Differs(package, served!);
                }
            }

            throw await PackageHttp.FailureAsync(response, cancellationToken);
        }
    }

    public async Task VerifyAsync(PackageFile file, TimeSpan budget, CancellationToken cancellationToken)
    {
        var package = NuGetPackage.Read(file);
        if (_folder is not null || IsSymbols(file))
        {
            if (_folder is not null && FolderPresence(package, Extension(file)) != PackagePresence.Same)
            {
                throw PackageErrors.FeedFailed(_folder, $"{package.Id} {package.Version} is not in the folder as pushed");
            }

            return;
        }

        var deadline = _time.GetUtcNow() + budget;
        var delay = FirstPoll;
        while (true)
        {
            var served = await DownloadAsync(package, cancellationToken);
            if (served is not null)
            {
                if (Compare(served, package) == PackagePresence.Same)
                {
                    return;
                }

                throw Differs(package, served);
            }

            if (_time.GetUtcNow() + delay > deadline)
            {
                throw PackageErrors.NotServed($"{package.Id} {package.Version}", _index!.ToString(), budget, "the flat container answers 404");
            }

            await Task.Delay(delay, _time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestPoll.Ticks));
        }
    }

    public void Dispose() => _http.Dispose();

    private static bool IsSymbols(PackageFile file) => file.FileName.EndsWith(".snupkg", StringComparison.OrdinalIgnoreCase);

    private static string Extension(PackageFile file) => IsSymbols(file) ? ".snupkg" : ".nupkg";

    private static PackagePresence Compare(NuGetPackage served, NuGetPackage built) =>
        string.Equals(served.Id, built.Id, StringComparison.OrdinalIgnoreCase)
        && string.Equals(served.Version, built.Version, StringComparison.OrdinalIgnoreCase)
        && served.ContentHash == built.ContentHash
            ? PackagePresence.Same
            : PackagePresence.Different;

    private Diagnostics.SlipwayException Differs(NuGetPackage built, NuGetPackage served) =>
        PackageErrors.ContentDiffers(
            _folder ?? _index!.ToString(),
            $"{built.Id} {built.Version}",
            served.ContentHash == built.ContentHash ? $"its nuspec says {served.Id} {served.Version}" : $"content hash {served.ContentHash[..12]}…, built {built.ContentHash[..12]}…");

    private string FolderPath(NuGetPackage package, string extension)
    {
        var (id, version) = (package.Id.ToLowerInvariant(), package.Version.ToLowerInvariant());
        return Path.Combine(_folder!, id, version, $"{id}.{version}{extension}");
    }

    private PackagePresence FolderPresence(NuGetPackage package, string extension)
    {
        var path = FolderPath(package, extension);
        return File.Exists(path) ? Compare(NuGetPackage.Read(new PackageFile(path, Path.GetFileName(path), string.Empty, 0)), package) : PackagePresence.Absent;
    }

    private PublishOutcome PublishToFolder(PackageFile file, NuGetPackage package)
    {
        var extension = Extension(file);
        var path = FolderPath(package, extension);
        switch (FolderPresence(package, extension))
        {
            case PackagePresence.Same:
                return PublishOutcome.AlreadyPresent;
            case PackagePresence.Different:
                throw Differs(package, NuGetPackage.Read(new PackageFile(path, Path.GetFileName(path), string.Empty, 0)));
        }

        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var (id, version) = (package.Id.ToLowerInvariant(), package.Version.ToLowerInvariant());
        var temporary = Path.Combine(directory, $".{Guid.NewGuid():N}.tmp");
        try
        {
            File.Copy(file.Path, temporary);
            if (extension == ".nupkg")
            {
                // What restore reads beside the package in a hierarchical feed: the nuspec and the package's SHA-512.
                File.WriteAllBytes(Path.Combine(directory, $"{id}.nuspec"), package.Nuspec);
                using var stream = File.OpenRead(temporary);
                File.WriteAllText(Path.Combine(directory, $"{id}.{version}.nupkg.sha512"), Convert.ToBase64String(System.Security.Cryptography.SHA512.HashData(stream)));
            }

            // The package appears last and at once: a reader never sees half a file.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            return FolderPresence(package, extension) == PackagePresence.Same ? PublishOutcome.AlreadyPresent : throw Differs(package, NuGetPackage.Read(new PackageFile(path, Path.GetFileName(path), string.Empty, 0)));
        }
        catch (IOException e)
        {
            throw PackageErrors.FeedFailed(_folder!, $"cannot write {path}: {e.Message}");
        }
        finally
        {
            File.Delete(temporary);
        }

        return PublishOutcome.Published;
    }

    private async Task<NuGetPackage?> DownloadAsync(NuGetPackage package, CancellationToken cancellationToken)
    {
        var resources = await ResourcesAsync(cancellationToken);
        var baseAddress = resources.BaseAddress ?? throw PackageErrors.FeedFailed(_index!.ToString(), "the service index has no PackageBaseAddress resource");
        var (id, version) = (package.Id.ToLowerInvariant(), package.Version.ToLowerInvariant());
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, $"{Uri.EscapeDataString(id)}/{Uri.EscapeDataString(version)}/{Uri.EscapeDataString(id)}.{Uri.EscapeDataString(version)}.nupkg"));
        using var response = await PackageHttp.SendAsync(_http, request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await PackageHttp.FailureAsync(response, cancellationToken);
        }

        var bytes = await PackageHttp.ReadAsync(response, (int)Math.Min(PackageLimit, int.MaxValue), cancellationToken);
        using var stream = new MemoryStream(bytes);
        return NuGetPackage.Read(stream, request.RequestUri!.ToString());
    }

    private async Task<ServiceIndex> ResourcesAsync(CancellationToken cancellationToken)
    {
        if (_resources is not null)
        {
            return _resources;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, _index);
        using var response = await PackageHttp.SendAsync(_http, request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await PackageHttp.FailureAsync(response, cancellationToken);
        }

        JsonObject json;
        try
        {
            json = JsonNode.Parse(await PackageHttp.ReadAsync(response, 4 * 1024 * 1024, cancellationToken)) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException e)
        {
            throw PackageErrors.FeedFailed(_index!.ToString(), $"the service index is not JSON ({e.Message})");
        }

        Uri? Find(string type)
        {
            foreach (var resource in json["resources"] as JsonArray ?? [])
            {
                var types = resource?["@type"] switch
                {
                    JsonArray many => many.Select(t => t?.ToString()),
                    JsonNode one => [one.ToString()],
                    _ => [],
                };
                if (types.Any(t => t is not null && (t == type || t.StartsWith(type + "/", StringComparison.Ordinal)))
                    && resource?["@id"]?.ToString() is { } id && Uri.TryCreate(id, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                {
                    return uri;
                }
            }

            return null;
        }

        var baseAddress = Find("PackageBaseAddress");
        if (baseAddress is not null && !baseAddress.AbsoluteUri.EndsWith('/'))
        {
            baseAddress = new Uri(baseAddress.AbsoluteUri + "/");
        }

        _resources = new ServiceIndex(Find("PackagePublish"), Find("SymbolPackagePublish"), baseAddress);
        return _resources;
    }

    private sealed record ServiceIndex(Uri? Publish, Uri? SymbolPublish, Uri? BaseAddress);
}
