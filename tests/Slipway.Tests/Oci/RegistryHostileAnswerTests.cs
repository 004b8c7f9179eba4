using System.Diagnostics;
using System.Net;
using Slipway.Diagnostics;
using Slipway.Oci;

namespace Slipway.Tests.Oci;

/// <summary>
/// Answers a hostile registry or token server can give: each ends in a coded error, bounded in time and in memory
/// (caps applied while reading, pagination that cannot loop).
/// </summary>
[Collection(MeasuredGroup.Name)]
public sealed class RegistryHostileAnswerTests
{
    private const long Huge = 768L * 1024 * 1024;
    private const long AllocationBound = 64L * 1024 * 1024;

    private static readonly ImageReference Repository = ImageReference.Parse("127.0.0.1:5000/acme/app");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_768_MiB_manifest_is_refused_while_reading()
    {
        using var client = Client(_ => RecordingHandler.Endless(Huge, MediaTypes.OciManifest));

        var error = await BoundedAsync(() => client.GetManifestAsync(Repository.WithTag("1.0.0"), Ct));

        Assert.Equal(ErrorCode.RegistryAnswerTooLarge, error.Code);
    }

    [Fact]
    public async Task A_768_MiB_token_answer_is_refused_while_reading()
    {
        using var client = Client(request => request.RequestUri!.AbsolutePath == "/token"
            ? RecordingHandler.Endless(Huge)
            : RecordingHandler.Status(HttpStatusCode.Unauthorized, ("WWW-Authenticate", "Bearer realm=\"http://127.0.0.1:5000/token\",service=\"r\"")));

        var error = await BoundedAsync(() => client.PingAsync(Repository, Ct));

        Assert.Equal(ErrorCode.RegistryAnswerTooLarge, error.Code);
    }

    [Fact]
    public async Task A_768_MiB_tags_page_is_refused_while_reading()
    {
        using var client = Client(_ => RecordingHandler.Endless(Huge));

        var error = await BoundedAsync(() => client.ListTagsAsync(Repository, Ct));

        Assert.Equal(ErrorCode.RegistryAnswerTooLarge, error.Code);
    }

    [Fact]
    public async Task A_768_MiB_referrers_index_is_refused_while_reading()
    {
        using var client = Client(_ => RecordingHandler.Endless(Huge, MediaTypes.OciIndex));

        var error = await BoundedAsync(() => client.GetReferrersAsync(Repository, Digest.Sha256("subject"u8), null, Ct));

        Assert.Equal(ErrorCode.RegistryAnswerTooLarge, error.Code);
    }

    [Fact]
    public async Task A_blob_longer_than_its_descriptor_says_is_refused_while_reading()
    {
        var config = new Descriptor(MediaTypes.OciConfig, Digest.Sha256("{}"u8), 2);
        using var client = Client(_ => RecordingHandler.Endless(Huge, "application/octet-stream"));

        var error = await BoundedAsync(() => client.GetBlobAsync(Repository, config, Ct));

        Assert.Equal(ErrorCode.RegistryAnswerTooLarge, error.Code);
    }

    [Fact]
    public async Task A_768_MiB_error_body_is_read_only_as_far_as_the_message_needs()
    {
        using var client = Client(_ =>
        {
            var response = RecordingHandler.Endless(Huge);
            response.StatusCode = HttpStatusCode.BadRequest;
            return response;
        });

        var error = await BoundedAsync(() => client.PingAsync(Repository, Ct));

        Assert.Equal(ErrorCode.RegistryRequestFailed, error.Code);
    }

    [Fact]
    public async Task A_tags_list_whose_Link_points_at_itself_is_refused()
    {
        using var client = Client(_ => RecordingHandler.Json(
            """{"name":"acme/app","tags":["a"]}""", ("Link", "</v2/acme/app/tags/list>; rel=\"next\"")));

        var error = await BoundedAsync(() => client.ListTagsAsync(Repository, Deadline()));

        Assert.Equal(ErrorCode.TagPaginationRefused, error.Code);
        Assert.Equal(1, error.ExitCode);
    }

    [Fact]
    public async Task A_tags_list_whose_Links_cycle_is_refused()
    {
        using var client = Client(request => RecordingHandler.Json(
            """{"name":"acme/app","tags":["a"]}""",
            ("Link", request.RequestUri!.Query.Contains("last=b", StringComparison.Ordinal)
                ? "<http://127.0.0.1:5000/v2/acme/app/tags/list?last=a>; rel=\"next\""
                : "</v2/acme/app/tags/list?last=b>; rel=\"next\"")));

        var error = await BoundedAsync(() => client.ListTagsAsync(Repository, Deadline()));

        Assert.Equal(ErrorCode.TagPaginationRefused, error.Code);
    }

    [Fact]
    public async Task An_endless_chain_of_tags_pages_stops_at_the_page_limit()
    {
        var pages = 0;
        using var client = Client(_ =>
        {
            var page = Interlocked.Increment(ref pages);
            return RecordingHandler.Json("""{"name":"acme/app","tags":[]}""", ("Link", $"</v2/acme/app/tags/list?last={page}>; rel=\"next\""));
        });

        var error = await Assert.ThrowsAsync<SlipwayException>(() => client.ListTagsAsync(Repository, Deadline()));

        Assert.Equal(ErrorCode.TagPaginationRefused, error.Code);
        Assert.Equal(1000, pages);
    }

    [Theory]
    [InlineData("""{"token":"t","expires_in":1.5}""")]
    [InlineData("""{"token":"t","expires_in":1e30}""")]
    [InlineData("""{"token":"t","expires_in":"soon"}""")]
    [InlineData("""["t"]""")]
    [InlineData("\"t\"")]
    [InlineData("{\"token\":")]
    public async Task A_malformed_token_answer_is_a_coded_error(string answer)
    {
        using var client = Client(request => request.RequestUri!.AbsolutePath == "/token"
            ? RecordingHandler.Json(answer)
            : RecordingHandler.Status(HttpStatusCode.Unauthorized, ("WWW-Authenticate", "Bearer realm=\"http://127.0.0.1:5000/token\",service=\"r\"")));

        var error = await Assert.ThrowsAsync<SlipwayException>(() => client.PingAsync(Repository, Ct));

        Assert.Equal(ErrorCode.TokenAnswerInvalid, error.Code);
        Assert.Equal(1, error.ExitCode);
    }

    [Theory]
    [InlineData("""{"errors":[1]}""")]
    [InlineData("""{"errors":[{"code":5,"message":["x"]}]}""")]
    public async Task A_malformed_error_body_is_still_a_coded_error(string body)
    {
        using var client = Client(_ =>
        {
            var response = RecordingHandler.Json(body);
            response.StatusCode = HttpStatusCode.BadRequest;
            return response;
        });

        var error = await Assert.ThrowsAsync<SlipwayException>(() => client.PingAsync(Repository, Ct));

        Assert.Equal(ErrorCode.RegistryRequestFailed, error.Code);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""["a"]""")]
    [InlineData("""{"tags":[1,2]}""")]
    [InlineData("""{"tags":"a"}""")]
    public async Task A_malformed_tags_page_is_a_coded_error(string body)
    {
        using var client = Client(_ => RecordingHandler.Json(body));

        var error = await Assert.ThrowsAsync<SlipwayException>(() => client.ListTagsAsync(Repository, Ct));

        Assert.Equal(ErrorCode.RegistryAnswerInvalid, error.Code);
    }

    [Fact]
    public async Task A_blob_that_declares_two_gigabytes_is_not_given_a_two_gigabyte_buffer_before_it_sends_anything()
    {
        const long declared = 2_000_000_000;
        using var client = Client(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([1, 2, 3]) };
            response.Content.Headers.ContentLength = declared;
            return response;
        });
        var blob = new Descriptor(MediaTypes.OciLayer, Digest.Sha256("x"u8), declared, null, null, null);

        // The body ends after three bytes: whatever the error, the buffer must not have been sized by the peer's word.
        await BoundedAsync(() => client.GetBlobAsync(Repository, blob, Ct));
    }

    [Fact]
    public async Task A_tags_list_that_grows_past_its_bound_with_fresh_links_is_refused()
    {
        var pages = 0;
        var tags = string.Join(',', Enumerable.Range(0, 1000).Select(i => $"\"t{i}\""));
        using var client = Client(_ =>
        {
            var page = Interlocked.Increment(ref pages);
            return RecordingHandler.Json($$"""{"name":"acme/app","tags":[{{tags}}]}""", ("Link", $"</v2/acme/app/tags/list?x={page}>; rel=\"next\""));
        });

        var error = await Assert.ThrowsAsync<SlipwayException>(() => client.ListTagsAsync(Repository, Deadline()));

        Assert.Equal(ErrorCode.TagPaginationRefused, error.Code);
        Assert.Contains("tags", error.Message, StringComparison.Ordinal);
        Assert.True(pages <= 101, $"{pages} pages read");
    }

    [Fact]
    public async Task A_signature_tag_whose_layers_declare_more_than_the_store_bound_is_refused_before_any_is_read()
    {
        var blobReads = 0;
        var layer = $$"""{"mediaType":"application/vnd.dev.cosign.simplesigning.v1+json","digest":"{{Digest.Sha256("x"u8)}}","size":2000000000}""";
        var manifest = $$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciManifest}}","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{Digest.Sha256("{}"u8)}}","size":2},"layers":[{{layer}},{{layer}}]}""";
        using var client = Client(request =>
        {
            if (request.RequestUri!.AbsolutePath.Contains("/blobs/", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref blobReads);
                return RecordingHandler.Status(HttpStatusCode.NotFound);
            }

            var response = RecordingHandler.Json(manifest);
            response.Content.Headers.ContentType = new(MediaTypes.OciManifest);
            return response;
        });

        var error = await Assert.ThrowsAsync<SlipwayException>(() =>
            new Slipway.Signing.CosignStore(client).ReadAsync(Repository.WithTag("sha256-abc.sig"), Ct));

        Assert.Equal(ErrorCode.SignatureStoreInvalid, error.Code);
        Assert.Equal(0, blobReads);
    }

    private static RegistryClient Client(Func<HttpRequestMessage, HttpResponseMessage> answer) =>
        new(new RegistryClientOptions { Handler = new RecordingHandler(answer), MaxAttempts = 1 });

    /// <summary>The old client followed a looping Link forever: end such a test rather than hang the run.</summary>
    private static CancellationToken Deadline()
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        source.CancelAfter(TimeSpan.FromSeconds(10));
        return source.Token;
    }

    private static async Task<SlipwayException> BoundedAsync(Func<Task> act)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<SlipwayException>(act);
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < AllocationBound, $"allocated {allocated / (1024 * 1024)} MiB");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        return error;
    }
}
