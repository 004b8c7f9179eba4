using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Slipway.Configuration;

namespace Slipway.Packages.Npm;

/// <summary>
/// Publishes npm tarballs as the npm CLI does: <c>PUT /&lt;escaped name&gt;</c> with the packument fragment (the
/// version's package.json with its <c>dist</c>, the dist-tag, the tarball as a base64 attachment). The registry is the
/// configured one, else the tarball's <c>publishConfig.registry</c>, else npmjs. A prerelease goes under the configured
/// dist-tag (<c>next</c>), a stable release under <c>latest</c> only when it is the highest release, else under
/// <c>latest-MAJOR.MINOR</c>, so a hotfix never moves <c>latest</c> back. An "already published" answer (409 from
/// Verdaccio, 403 from npmjs) is resolved by the packument's <c>dist.integrity</c>: the same tarball is success.
/// </summary>
public sealed class NpmPublisher : IPackagePublisher, IPackageLocator, IDisposable
{
    public static readonly Uri PublicRegistry = new("https://registry.npmjs.org/");
    public const long TarballLimit = 256L * 1024 * 1024;

    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(15);

    private readonly PackageSection _section;
    private readonly PackageRelease _release;
    private readonly NpmRc _npmrc;
    private readonly IPackageCredential? _credential;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly Dictionary<string, IPackageCredential> _trusted = new(StringComparer.Ordinal);

    public NpmPublisher(PackageSection section, PackageRelease release, NpmRc npmrc, IPackageCredential? credential, TimeProvider time, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        _section = section;
        _release = release;
        _npmrc = npmrc;
        _credential = credential;
        _time = time;
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(5) }
            : new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromMinutes(5) };
    }

    public string Kind => PackageSection.NpmKind;

    /// <summary>Trusted publishing: the credential minted for one package at one registry (npm exchanges per package).</summary>
    public Func<Uri, string, IPackageCredential>? TrustedCredential { get; init; }

    /// <summary>The dist-tag this release is published under (see the class summary).</summary>
    public string DistTag => DistTagFor(_section, _release);

    public static string DistTagFor(PackageSection section, PackageRelease release)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(release);
        if (release.Prerelease)
        {
            return section.PrereleaseDistTag;
        }

        if (release.Highest)
        {
            return "latest";
        }

        var parts = release.Version.Split('.', '-', '+');
        return parts.Length >= 2 ? $"latest-{parts[0]}.{parts[1]}" : $"latest-{release.Version}";
    }

    public PackageIdentity Inspect(PackageFile file)
    {
        var manifest = NpmTarball.Read(file);
        return new PackageIdentity(manifest.Name, manifest.Version);
    }

    /// <summary>Where this tarball is published: the configured registry, its publishConfig.registry, else npmjs.</summary>
    public Uri RegistryFor(PackageFile file) => RegistryFor(NpmTarball.Read(file));

    /// <summary><c>@scope/name</c> as a URL path segment: <c>@scope%2fname</c>.</summary>
    public static string Escape(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Replace("/", "%2f", StringComparison.Ordinal);
    }

    /// <summary>Whether the token for this file's registry is known (configured, or in .npmrc).</summary>
    public bool HasCredential(PackageFile file) => _credential is not null || TrustedCredential is not null || _npmrc.TokenFor(RegistryFor(file)) is not null;

    /// <summary>The page that shows this version: <c>REGISTRY/NAME/v/VERSION</c> (npmjs's own page on npmjs).</summary>
    public Uri Location(PackageFile file)
    {
        var manifest = NpmTarball.Read(file);
        var registry = RegistryFor(manifest);
        return registry == PublicRegistry
            ? new Uri($"https://www.npmjs.com/package/{manifest.Name}/v/{manifest.Version}")
            : new Uri(registry, $"{Escape(manifest.Name)}/{manifest.Version}");
    }

    public async Task<PackagePresence> ExistsAsync(PackageFile file, CancellationToken cancellationToken)
    {
        var manifest = NpmTarball.Read(file);
        var registry = RegistryFor(manifest);
        var packument = await PackumentAsync(registry, manifest.Name, cancellationToken);
        return Presence(packument, manifest, Integrity.Of(file));
    }

    public async Task<PublishOutcome> PublishAsync(PackageFile file, CancellationToken cancellationToken)
    {
        var manifest = NpmTarball.Read(file);
        var registry = RegistryFor(manifest);
        var integrity = Integrity.Of(file);
        var body = Document(manifest, registry, integrity, DistTag, await File.ReadAllBytesAsync(file.Path, cancellationToken));
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(registry, Escape(manifest.Name)))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } },
        };
        request.Headers.Add("npm-command", "publish");
        await AuthorizeAsync(request, registry, cancellationToken, manifest.Name);
        HttpResponseMessage response;
        try
        {
            response = await PackageHttp.SendAsync(_http, request, cancellationToken);
        }
        catch (Diagnostics.SlipwayException) when (!cancellationToken.IsCancellationRequested)
        {
            // The answer was lost, not necessarily the publish: the registry says whether it stored this tarball.
            if (await ExistsAsync(file, cancellationToken) == PackagePresence.Same)
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

            if (response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Forbidden)
            {
                var packument = await PackumentAsync(registry, manifest.Name, cancellationToken);
                switch (Presence(packument, manifest, integrity))
                {
                    case PackagePresence.Same:
                        return PublishOutcome.AlreadyPresent;
                    case PackagePresence.Different:
                        throw PackageErrors.ContentDiffers(registry.ToString(), $"{manifest.Name}@{manifest.Version}", $"dist.integrity {VersionIntegrity(packument, manifest.Version)}, built {integrity.Sri}");
                }
            }

            throw await PackageHttp.FailureAsync(response, cancellationToken);
        }
    }

    public async Task VerifyAsync(PackageFile file, TimeSpan budget, CancellationToken cancellationToken)
    {
        var manifest = NpmTarball.Read(file);
        var registry = RegistryFor(manifest);
        var integrity = Integrity.Of(file);
        var deadline = _time.GetUtcNow() + budget;
        var delay = FirstPoll;
        var last = "not polled";
        while (true)
        {
            var packument = await PackumentAsync(registry, manifest.Name, cancellationToken);
            switch (Presence(packument, manifest, integrity))
            {
                case PackagePresence.Different:
                    throw PackageErrors.ContentDiffers(registry.ToString(), $"{manifest.Name}@{manifest.Version}", $"dist.integrity {VersionIntegrity(packument, manifest.Version)}, built {integrity.Sri}");
                case PackagePresence.Same:
                    last = await TarballServedAsync(registry, packument!, manifest.Version, integrity, cancellationToken);
                    if (last.Length == 0)
                    {
                        return;
                    }

                    break;
                default:
                    last = $"{manifest.Version} is not in the packument";
                    break;
            }

            if (_time.GetUtcNow() + delay > deadline)
            {
                throw PackageErrors.NotServed($"{manifest.Name}@{manifest.Version}", registry.ToString(), budget, last);
            }

            await Task.Delay(delay, _time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestPoll.Ticks));
        }
    }

    /// <summary>The package's dist-tags (<c>GET /-/package/NAME/dist-tags</c>); empty when the package does not exist.</summary>
    public async Task<IReadOnlyDictionary<string, string>> DistTagsAsync(Uri registry, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(registry, $"-/package/{Escape(name)}/dist-tags"));
        await AuthorizeAsync(request, registry, cancellationToken);
        using var response = await PackageHttp.SendAsync(_http, request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new Dictionary<string, string>();
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await PackageHttp.FailureAsync(response, cancellationToken);
        }

        var json = ParseObject(await PackageHttp.ReadAsync(response, PackageHttp.DocumentLimit, cancellationToken), request.RequestUri!);
        return json.Where(p => p.Value is JsonValue v && v.TryGetValue<string>(out _)).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
    }

    /// <summary>
    /// Points <paramref name="tag"/> at <paramref name="version"/> and returns the version it named before (null when
    /// it did not exist), which <see cref="RestoreDistTagAsync"/> puts back.
    /// </summary>
    public async Task<string?> MoveDistTagAsync(Uri registry, string name, string tag, string version, CancellationToken cancellationToken)
    {
        var before = (await DistTagsAsync(registry, name, cancellationToken)).GetValueOrDefault(tag);
        if (before != version)
        {
            await SetDistTagAsync(registry, name, tag, version, cancellationToken);
        }

        return before;
    }

    /// <summary>
    /// Undoes a <see cref="MoveDistTagAsync"/>: only while the tag still names this run's <paramref name="version"/>, it is
    /// pointed back at <paramref name="previous"/>, or removed when it did not exist before. True when it changed.
    /// </summary>
    public async Task<bool> RestoreDistTagAsync(Uri registry, string name, string tag, string version, string? previous, CancellationToken cancellationToken)
    {
        var current = (await DistTagsAsync(registry, name, cancellationToken)).GetValueOrDefault(tag);
        if (current != version || previous == version)
        {
            return false;
        }

        if (previous is not null)
        {
            await SetDistTagAsync(registry, name, tag, previous, cancellationToken);
            return true;
        }

        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(registry, $"-/package/{Escape(name)}/dist-tags/{Uri.EscapeDataString(tag)}"));
        await AuthorizeAsync(request, registry, cancellationToken, name);
        using var response = await PackageHttp.SendAsync(_http, request, cancellationToken);
        return response.IsSuccessStatusCode ? true : throw await PackageHttp.FailureAsync(response, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task SetDistTagAsync(Uri registry, string name, string tag, string version, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(registry, $"-/package/{Escape(name)}/dist-tags/{Uri.EscapeDataString(tag)}"))
        {
            Content = new StringContent(JsonValue.Create(version).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        await AuthorizeAsync(request, registry, cancellationToken, name);
        using var response = await PackageHttp.SendAsync(_http, request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await PackageHttp.FailureAsync(response, cancellationToken);
        }
    }

    internal static byte[] Document(NpmManifest manifest, Uri registry, Integrity integrity, string distTag, byte[] tarball)
    {
        var version = (JsonObject)manifest.Document.DeepClone();
        var fileName = $"{manifest.Name}-{manifest.Version}.tgz";
        version["_id"] = $"{manifest.Name}@{manifest.Version}";

        // libnpmpublish writes the tarball URL with http:, which registries rewrite to their own; Slipway does the same.
        var tarballUrl = new Uri(registry, $"{manifest.Name}/-/{fileName}").AbsoluteUri;
        tarballUrl = tarballUrl.StartsWith("https://", StringComparison.Ordinal) ? "http://" + tarballUrl["https://".Length..] : tarballUrl;
        version["dist"] = new JsonObject
        {
            ["integrity"] = integrity.Sri,
            ["shasum"] = integrity.Sha1,
            ["tarball"] = tarballUrl,
        };
        var root = new JsonObject
        {
            ["_id"] = manifest.Name,
            ["name"] = manifest.Name,
            ["description"] = manifest.Document["description"]?.DeepClone(),
            ["dist-tags"] = new JsonObject { [distTag] = manifest.Version },
            ["versions"] = new JsonObject { [manifest.Version] = version },
            ["access"] = null,
            ["_attachments"] = new JsonObject
            {
                [fileName] = new JsonObject
                {
                    ["content_type"] = "application/octet-stream",
                    ["data"] = Convert.ToBase64String(tarball),
                    ["length"] = tarball.Length,
                },
            },
        };
        if (manifest.Document["readme"] is { } readme)
        {
            root["readme"] = readme.DeepClone();
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private Uri RegistryFor(NpmManifest manifest)
    {
        var text = _section.Registry ?? manifest.PublishRegistry?.ToString() ?? PublicRegistry.ToString();
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }

    /// <summary>The bearer for the registry; a write (<paramref name="writing"/> names its package) uses the trusted token.</summary>
    private async Task AuthorizeAsync(HttpRequestMessage request, Uri registry, CancellationToken cancellationToken, string? writing = null)
    {
        var credential = _credential ?? (writing is not null && TrustedCredential is not null ? TrustedFor(registry, writing) : null);
        var token = credential is not null ? await credential.GetTokenAsync(cancellationToken) : _npmrc.TokenFor(registry);
        if (token is not null && PackageHttp.SameOrigin(request.RequestUri!, registry))
        {
            PackageHttp.Bearer(request, token);
        }
    }

    private IPackageCredential TrustedFor(Uri registry, string name)
    {
        lock (_trusted)
        {
            var key = registry.AbsoluteUri + " " + name;
            if (!_trusted.TryGetValue(key, out var credential))
            {
                credential = TrustedCredential!(registry, name);
                _trusted[key] = credential;
            }

            return credential;
        }
    }

    private async Task<JsonObject?> PackumentAsync(Uri registry, string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(registry, Escape(name)));
        request.Headers.Accept.ParseAdd("application/json");
        await AuthorizeAsync(request, registry, cancellationToken);
        using var response = await PackageHttp.SendAsync(_http, request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await PackageHttp.FailureAsync(response, cancellationToken);
        }

        return ParseObject(await PackageHttp.ReadAsync(response, PackageHttp.DocumentLimit, cancellationToken), request.RequestUri!);
    }

    /// <summary>Empty when the tarball the packument names is served with the built bytes, else what is wrong.</summary>
    private async Task<string> TarballServedAsync(Uri registry, JsonObject packument, string version, Integrity integrity, CancellationToken cancellationToken)
    {
        if (packument["versions"]?[version]?["dist"]?["tarball"]?.GetValue<string>() is not { } text || !Uri.TryCreate(text, UriKind.Absolute, out var tarball))
        {
            return "the packument names no tarball";
        }

        // Registries write their tarball URLs with the scheme of their configuration; read them from the registry itself.
        if (string.Equals(tarball.Host, registry.Host, StringComparison.OrdinalIgnoreCase) && tarball.Port == registry.Port && tarball.Scheme != registry.Scheme)
        {
            tarball = new UriBuilder(tarball) { Scheme = registry.Scheme, Port = registry.Port }.Uri;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, tarball);
        await AuthorizeAsync(request, registry, cancellationToken);
        using var response = await PackageHttp.SendAsync(_http, request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return PackageHttp.Permanent(response.StatusCode) ? throw await PackageHttp.FailureAsync(response, cancellationToken) : $"GET {tarball} returned {(int)response.StatusCode}";
        }

        var served = await PackageHttp.ReadAsync(response, (int)Math.Min(TarballLimit, int.MaxValue), cancellationToken);
        return Integrity.Of(served).Sri == integrity.Sri ? string.Empty : throw PackageErrors.ContentDiffers(registry.ToString(), $"{tarball}", "the served tarball's sha512 is not the built one");
    }

    private static PackagePresence Presence(JsonObject? packument, NpmManifest manifest, Integrity integrity)
    {
        if (packument?["versions"]?[manifest.Version] is not JsonObject entry)
        {
            return PackagePresence.Absent;
        }

        var dist = entry["dist"];
        if (dist?["integrity"] is JsonValue sri && sri.TryGetValue<string>(out var served))
        {
            return served == integrity.Sri ? PackagePresence.Same : PackagePresence.Different;
        }

        return dist?["shasum"]?.GetValue<string>() == integrity.Sha1 ? PackagePresence.Same : PackagePresence.Different;
    }

    private static string VersionIntegrity(JsonObject? packument, string version) =>
        packument?["versions"]?[version]?["dist"]?["integrity"]?.ToString() ?? "unknown";

    private static JsonObject ParseObject(byte[] body, Uri uri)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException e)
        {
            throw PackageErrors.RegistryUnreachable("GET", uri, $"the answer is not JSON ({e.Message})");
        }
    }

    /// <summary>The tarball's <c>dist.integrity</c> (<c>sha512-BASE64</c>) and <c>dist.shasum</c> (SHA-1 hex).</summary>
    internal sealed record Integrity(string Sri, string Sha1)
    {
        public static Integrity Of(PackageFile file)
        {
            using var stream = File.OpenRead(file.Path);
            if (stream.Length > TarballLimit)
            {
                throw PackageErrors.Unreadable(file.FileName, $"is {stream.Length} bytes, over the {TarballLimit} byte limit of an npm tarball");
            }

            return Of(File.ReadAllBytes(file.Path));
        }

#pragma warning disable CA5350 // Do not use weak cryptographic algorithms: npm's dist.shasum is SHA-1 by definition; identity is judged by the SHA-512 integrity.
        public static Integrity Of(byte[] bytes) =>
            new("sha512-" + Convert.ToBase64String(SHA512.HashData(bytes)), Convert.ToHexStringLower(SHA1.HashData(bytes)));
#pragma warning restore CA5350
    }
}
