using System.Net;
using System.Text;
using Slipway.Oci;

namespace Slipway.Tests.Oci;

/// <summary>Protocol details the local registry never exercises (pagination, the referrers API), against canned answers.</summary>
public sealed class RegistryClientProtocolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tags_follow_Link_pagination_and_accept_null_pages()
    {
        using var client = new RegistryClient(new RegistryClientOptions
        {
            Handler = new CannedHandler(request => request.RequestUri!.PathAndQuery switch
            {
                "/v2/acme/app/tags/list" => Json("""{"name":"acme/app","tags":["a","b"]}""", ("Link", "</v2/acme/app/tags/list?last=b&n=2>; rel=\"next\"")),
                "/v2/acme/app/tags/list?last=b&n=2" => Json("""{"name":"acme/app","tags":["c"]}""", ("Link", "</v2/acme/app/tags/list?last=c&n=2>; rel=\"next\"")),
                "/v2/acme/app/tags/list?last=c&n=2" => Json("""{"name":"acme/app","tags":null}"""),
                _ => new HttpResponseMessage(HttpStatusCode.NotFound),
            }),
        });

        var tags = await client.ListTagsAsync(ImageReference.Parse("127.0.0.1:5000/acme/app"), Ct);

        Assert.Equal(["a", "b", "c"], tags);
    }

    [Fact]
    public async Task Referrers_come_from_the_api_when_the_registry_has_one()
    {
        var subject = Digest.Sha256("subject"u8);
        var referrer = new Descriptor(MediaTypes.OciManifest, Digest.Sha256("sig"u8), 10, ArtifactType: "application/vnd.example.sig");
        var requested = new List<string>();
        using var client = new RegistryClient(new RegistryClientOptions
        {
            Handler = new CannedHandler(request =>
            {
                requested.Add(request.RequestUri!.PathAndQuery);
                return Json(Encoding.UTF8.GetString(OciJson.Index([referrer])), ("OCI-Filters-Applied", "artifactType"));
            }),
        });

        var referrers = await client.GetReferrersAsync(ImageReference.Parse("127.0.0.1:5000/acme/app"), subject, "application/vnd.example.sig", Ct);

        Assert.Equal([referrer.Digest], referrers.Select(r => r.Digest));
        Assert.Equal([$"/v2/acme/app/referrers/{subject}?artifactType=application%2Fvnd.example.sig"], requested);
    }

    [Fact]
    public async Task A_registry_that_answers_referrers_404_is_not_asked_again_and_its_fallback_tags_are_read()
    {
        var requested = new List<string>();
        using var client = new RegistryClient(new RegistryClientOptions
        {
            Handler = new CannedHandler(request =>
            {
                requested.Add(request.RequestUri!.AbsolutePath);
                return new HttpResponseMessage(HttpStatusCode.NotFound);
            }),
        });
        var repository = ImageReference.Parse("127.0.0.1:5000/acme/app");
        var first = Digest.Sha256("first"u8.ToArray());
        var second = Digest.Sha256("second"u8.ToArray());

        Assert.Empty(await client.GetReferrersAsync(repository, first, null, Ct));
        Assert.Empty(await client.GetReferrersAsync(repository, second, null, Ct));

        Assert.Equal(
            [$"/v2/acme/app/referrers/{first}", $"/v2/acme/app/manifests/{first.TagSafe}", $"/v2/acme/app/manifests/{second.TagSafe}"],
            requested);
    }

    [Fact]
    public async Task Verify_lists_a_digests_referrers_once_however_many_predicate_types_it_checks_there()
    {
        var manifest = """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[]}""";
        var digest = Digest.Sha256(Encoding.UTF8.GetBytes(manifest));
        var requested = new List<string>();
        using var client = new RegistryClient(new RegistryClientOptions
        {
            Handler = new CannedHandler(request =>
            {
                requested.Add(request.RequestUri!.AbsolutePath);
                return request.RequestUri!.AbsolutePath == "/v2/acme/app/manifests/1.0"
                    ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(manifest, Encoding.UTF8, "application/vnd.oci.image.manifest.v1+json") }
                    : new HttpResponseMessage(HttpStatusCode.NotFound);
            }),
        });
        using var ecdsa = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var key = Slipway.Signing.VerificationKey.FromEcdsa(System.Security.Cryptography.ECDsa.Create(ecdsa.ExportParameters(false)), "test");

        var report = await new Slipway.Signing.ImageVerifier(client, key).VerifyAsync(
            ImageReference.Parse("127.0.0.1:5000/acme/app:1.0"), [Slipway.Signing.PredicateTypes.SlsaProvenanceV1, "https://example.com/note/v1"], Ct);

        Assert.False(report.Passed);
        Assert.Single(requested, p => p == $"/v2/acme/app/manifests/{digest.TagSafe}");
        Assert.Single(requested, p => p.Contains("/referrers/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("127.0.0.1:5000", true)]
    [InlineData("127.3.2.1", true)]
    [InlineData("localhost:5000", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("registry.example.com", false)]
    [InlineData("10.0.0.5:5000", false)]
    [InlineData("insecure.example.com:5000", true)]
    public void Plain_http_only_for_loopback_and_listed_registries(string registry, bool allowed)
    {
        using var client = new RegistryClient(new RegistryClientOptions
        {
            InsecureRegistries = new HashSet<string>(["insecure.example.com:5000"], StringComparer.OrdinalIgnoreCase),
        });

        Assert.Equal(allowed, client.IsPlainHttpAllowed(registry));
        Assert.Equal(allowed ? "http" : "https", client.BaseUri(ImageReference.Parse(registry + "/x")).Scheme);
    }

    private static HttpResponseMessage Json(string body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    private sealed class CannedHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = answer(request);
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }
}
