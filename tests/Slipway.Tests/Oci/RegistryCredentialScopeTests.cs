using System.Net;
using Slipway.Diagnostics;
using Slipway.Oci;

namespace Slipway.Tests.Oci;

/// <summary>
/// Credentials stay with the scheme, host and port they were configured or obtained for: upload locations and
/// redirects to other hosts go without them, and nothing goes from an HTTPS registry to plain HTTP.
/// </summary>
public sealed class RegistryCredentialScopeTests
{
    private const string Registry = "https://registry.example.com";
    private const string Storage = "https://storage.example.net";
    private const string Auth = "https://auth.example.com";
    private const string BasicValue = "Basic YWxpY2U6czNjcmV0LXBhc3N3b3Jk"; // alice:s3cret-password

    private static readonly ImageReference Repository = ImageReference.Parse("registry.example.com/acme/app");
    private static readonly byte[] Blob = "layer bytes"u8.ToArray();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_upload_location_on_another_host_gets_no_credentials()
    {
        var handler = BasicRegistry(uploadLocation: $"{Storage}/upload/1?signature=abc");
        using var client = Client(handler);

        await client.UploadBlobAsync(Repository, Blob, Ct);

        var storage = handler.To(Storage).ToList();
        Assert.Single(storage, r => r.Method == "PUT");
        Assert.All(storage, r => Assert.Null(r.Authorization));
        Assert.Contains(handler.To(Registry), r => r.Method == "POST" && r.Authorization == BasicValue);
    }

    [Fact]
    public async Task An_upload_location_on_the_same_host_and_another_port_gets_no_credentials()
    {
        var handler = BasicRegistry(uploadLocation: "https://registry.example.com:8443/upload/1");
        using var client = Client(handler);

        await client.UploadBlobAsync(Repository, Blob, Ct);

        var other = handler.To("https://registry.example.com:8443").ToList();
        Assert.NotEmpty(other);
        Assert.All(other, r => Assert.Null(r.Authorization));
    }

    [Fact]
    public async Task An_upload_location_downgraded_to_plain_http_is_refused_before_anything_is_sent_there()
    {
        var handler = BasicRegistry(uploadLocation: "http://registry.example.com/upload/1");
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => client.UploadBlobAsync(Repository, Blob, Ct));

        Assert.Equal(ErrorCode.RegistrySchemeDowngrade, error.Code);
        Assert.Equal(1, error.ExitCode);
        Assert.DoesNotContain(handler.Requests, r => r.Uri.Scheme == "http");
    }

    [Fact]
    public async Task A_bearer_token_goes_only_to_the_registry_and_the_basic_password_only_to_its_https_realm()
    {
        var handler = new RecordingHandler(request =>
        {
            var origin = request.RequestUri!.GetLeftPart(UriPartial.Authority);
            var path = request.RequestUri.AbsolutePath;
            if (origin == Auth)
            {
                return RecordingHandler.Json("""{"token":"registry-token-1","expires_in":300}""");
            }

            if (origin == Storage)
            {
                return RecordingHandler.Status(HttpStatusCode.Created);
            }

            if (request.Headers.Authorization?.ToString() != "Bearer registry-token-1")
            {
                return RecordingHandler.Status(
                    HttpStatusCode.Unauthorized, ("WWW-Authenticate", $"Bearer realm=\"{Auth}/token\",service=\"registry.example.com\""));
            }

            return request.Method == HttpMethod.Head ? RecordingHandler.Status(HttpStatusCode.NotFound)
                : path.EndsWith("/blobs/uploads/", StringComparison.Ordinal) ? RecordingHandler.Status(HttpStatusCode.Accepted, ("Location", $"{Storage}/upload/7"))
                : RecordingHandler.Status(HttpStatusCode.BadRequest);
        });
        using var client = Client(handler);

        await client.UploadBlobAsync(Repository, Blob, Ct);

        Assert.All(handler.To(Auth), r => Assert.Equal(BasicValue, r.Authorization));
        Assert.Contains(handler.To(Registry), r => r.Authorization == "Bearer registry-token-1");
        Assert.All(handler.To(Storage), r => Assert.Null(r.Authorization));
        Assert.NotEmpty(handler.To(Storage));
    }

    [Fact]
    public async Task A_plain_http_token_realm_for_an_https_registry_is_refused_without_sending_the_password()
    {
        var handler = BearerRegistry(realm: "http://auth.example.com/token");
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => client.PingAsync(Repository, Ct));

        Assert.Equal(ErrorCode.TokenRealmRefused, error.Code);
        Assert.Contains("http://auth.example.com/token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(handler.Requests, r => r.Uri.Host == "auth.example.com");
    }

    [Fact]
    public async Task A_token_realm_that_is_not_http_is_refused()
    {
        var handler = BearerRegistry(realm: "file:///etc/passwd");
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => client.PingAsync(Repository, Ct));

        Assert.Equal(ErrorCode.TokenRealmRefused, error.Code);
    }

    [Fact]
    public async Task A_plain_http_token_realm_is_accepted_for_a_registry_configured_insecure()
    {
        var handler = BearerRegistry(realm: "http://auth.example.com/token");
        using var client = Client(handler, insecure: "registry.example.com");

        await client.PingAsync(Repository, Ct);

        Assert.Contains(handler.Requests, r => r.Uri.Host == "auth.example.com" && r.Authorization == BasicValue);
    }

    [Fact]
    public async Task A_redirect_to_another_host_is_followed_without_credentials()
    {
        var digest = Digest.Sha256(Blob);
        var handler = BasicRegistry(blobRedirect: $"{Storage}/blobs/{digest.Hex}?signature=abc");
        using var client = Client(handler);

        var bytes = await client.GetBlobAsync(Repository, digest, Ct);

        Assert.Equal(Blob, bytes);
        var storage = Assert.Single(handler.To(Storage));
        Assert.Null(storage.Authorization);
    }

    [Fact]
    public async Task A_redirect_on_the_same_registry_keeps_the_credentials()
    {
        var digest = Digest.Sha256(Blob);
        var handler = BasicRegistry(blobRedirect: $"/v2/acme/mirror/blobs/{digest}");
        using var client = Client(handler);

        var bytes = await client.GetBlobAsync(Repository, digest, Ct);

        Assert.Equal(Blob, bytes);
        Assert.Contains(handler.Requests, r => r.Uri.AbsolutePath == $"/v2/acme/mirror/blobs/{digest}" && r.Authorization == BasicValue);
    }

    [Fact]
    public async Task A_redirect_from_https_to_plain_http_is_refused()
    {
        var digest = Digest.Sha256(Blob);
        var handler = BasicRegistry(blobRedirect: $"http://storage.example.net/blobs/{digest.Hex}");
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => client.GetBlobAsync(Repository, digest, Ct));

        Assert.Equal(ErrorCode.RegistrySchemeDowngrade, error.Code);
        Assert.DoesNotContain(handler.Requests, r => r.Uri.Scheme == "http");
    }

    [Fact]
    public async Task A_redirect_loop_ends_in_a_coded_error()
    {
        var digest = Digest.Sha256(Blob);
        var handler = BasicRegistry(blobRedirect: $"/v2/acme/app/blobs/{digest}");
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => client.GetBlobAsync(Repository, digest, Ct));

        Assert.Equal(ErrorCode.RegistryRedirectRefused, error.Code);
        Assert.InRange(handler.Requests.Count, 2, 20);
    }

    private static RegistryClient Client(RecordingHandler handler, string? insecure = null) => new(new RegistryClientOptions
    {
        Handler = handler,
        Credentials = new StaticCredentialProvider(new Dictionary<string, RegistryCredentials>
        {
            ["registry.example.com"] = new("alice", "s3cret-password"),
        }),
        InsecureRegistries = new HashSet<string>(insecure is null ? [] : [insecure], StringComparer.OrdinalIgnoreCase),
        MaxAttempts = 1,
    });

    /// <summary>An HTTPS registry with Basic authentication; blobs come from <paramref name="blobRedirect"/>, which serves them.</summary>
    private static RecordingHandler BasicRegistry(string? uploadLocation = null, string? blobRedirect = null) => new(request =>
    {
        var uri = request.RequestUri!;
        var onRegistry = uri.GetLeftPart(UriPartial.Authority) == Registry;
        if (onRegistry && request.Headers.Authorization is null)
        {
            return RecordingHandler.Status(HttpStatusCode.Unauthorized, ("WWW-Authenticate", "Basic realm=\"registry\""));
        }

        if (onRegistry && uri.AbsolutePath.EndsWith("/blobs/uploads/", StringComparison.Ordinal))
        {
            return RecordingHandler.Status(HttpStatusCode.Accepted, ("Location", uploadLocation!));
        }

        if (onRegistry && request.Method == HttpMethod.Head)
        {
            return RecordingHandler.Status(HttpStatusCode.NotFound);
        }

        if (onRegistry && uri.AbsolutePath.StartsWith("/v2/acme/app/blobs/", StringComparison.Ordinal))
        {
            return RecordingHandler.Status(HttpStatusCode.TemporaryRedirect, ("Location", blobRedirect!));
        }

        if (request.Method == HttpMethod.Get)
        {
            var response = RecordingHandler.Status(HttpStatusCode.OK);
            response.Content = new ByteArrayContent(Blob);
            return response;
        }

        return RecordingHandler.Status(HttpStatusCode.Created);
    });

    /// <summary>An HTTPS registry whose challenge names <paramref name="realm"/>; the realm grants any request.</summary>
    private static RecordingHandler BearerRegistry(string realm) => new(request =>
    {
        if (request.RequestUri!.Host == "auth.example.com")
        {
            return RecordingHandler.Json("""{"token":"t","expires_in":60}""");
        }

        return request.Headers.Authorization?.Scheme == "Bearer"
            ? RecordingHandler.Json("{}")
            : RecordingHandler.Status(HttpStatusCode.Unauthorized, ("WWW-Authenticate", $"Bearer realm=\"{realm}\",service=\"registry.example.com\""));
    });
}
