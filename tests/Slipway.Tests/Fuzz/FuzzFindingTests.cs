using System.Net;
using System.Text;
using Slipway.Diagnostics;
using Slipway.Oci;

namespace Slipway.Tests.Fuzz;

/// <summary>Each input the fuzzers found that ended in an unhandled exception, kept as a regression test.</summary>
public sealed class FuzzFindingTests
{
    [Theory]
    [InlineData("1e309")]
    [InlineData("1.5")]
    [InlineData("9223372036854775808")]
    public void A_descriptor_size_that_is_not_a_64_bit_integer_is_an_invalid_manifest(string size)
    {
        var bytes = Encoding.UTF8.GetBytes(
            $$$"""{"schemaVersion":2,"manifests":[{"mediaType":"{{{MediaTypes.OciManifest}}}","digest":"{{{Digest.Sha256("a"u8)}}}","size":{{{size}}}}]}""");

        var error = Assert.Throws<SlipwayException>(() => ManifestDocument.Parse(bytes, null, "fuzz"));

        Assert.Equal(ErrorCode.ManifestInvalid, error.Code);
        Assert.Contains("has no valid size", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("99999999999")]
    [InlineData("-5")]
    public async Task A_token_answer_whose_expires_in_is_out_of_range_still_gives_a_token(string expiresIn)
    {
        var sentToken = false;
        using var client = new RegistryClient(new RegistryClientOptions
        {
            MaxAttempts = 1,
            Handler = new FuzzHandler(request =>
            {
                if (request.RequestUri!.AbsolutePath == "/token")
                {
                    return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($$"""{"token":"abc","expires_in":{{expiresIn}}}""") };
                }

                if (request.Headers.Authorization is null)
                {
                    var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
                    challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", "Bearer realm=\"http://127.0.0.1:5000/token\",service=\"registry\"");
                    return challenge;
                }

                sentToken = request.Headers.Authorization.Parameter == "abc";
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"name":"acme/app","tags":["a"]}""") };
            }),
        });

        var tags = await client.ListTagsAsync(ImageReference.Parse("127.0.0.1:5000/acme/app"), TestContext.Current.CancellationToken);

        Assert.Equal(["a"], tags);
        Assert.True(sentToken);
    }

    [Theory]
    [InlineData("1.5e30900")]
    [InlineData("2.5")]
    public async Task A_token_answer_whose_expires_in_is_not_an_integer_is_a_coded_token_failure(string expiresIn)
    {
        using var client = new RegistryClient(new RegistryClientOptions
        {
            MaxAttempts = 1,
            Handler = new FuzzHandler(request =>
            {
                if (request.RequestUri!.AbsolutePath == "/token")
                {
                    return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($$"""{"token":"abc","expires_in":{{expiresIn}}}""") };
                }

                var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
                challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", "Bearer realm=\"http://127.0.0.1:5000/token\",service=\"registry\"");
                return challenge;
            }),
        });

        var error = await Assert.ThrowsAsync<SlipwayException>(() => client.ListTagsAsync(ImageReference.Parse("127.0.0.1:5000/acme/app"), TestContext.Current.CancellationToken));

        Assert.Equal(ErrorCode.TokenAnswerInvalid, error.Code);
    }

    [Fact]
    public async Task A_token_answer_with_invalid_UTF8_in_the_token_is_a_coded_token_failure()
    {
        byte[] body = [.. """{"token":"ab"""u8, 0xE9, .. "\"}"u8];
        using var client = new RegistryClient(new RegistryClientOptions
        {
            MaxAttempts = 1,
            Handler = new FuzzHandler(request =>
            {
                if (request.RequestUri!.AbsolutePath == "/token")
                {
                    return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
                }

                var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
                challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", "Bearer realm=\"http://127.0.0.1:5000/token\",service=\"registry\"");
                return challenge;
            }),
        });

        var error = await Assert.ThrowsAsync<SlipwayException>(() => client.ListTagsAsync(ImageReference.Parse("127.0.0.1:5000/acme/app"), TestContext.Current.CancellationToken));

        Assert.Equal(ErrorCode.TokenAnswerInvalid, error.Code);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"manifests":[{"mediaType":5,"digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000","size":1}]}""")]
    [InlineData("""{"manifests":[{"mediaType":"a\xE9","digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000","size":1}]}""")]
    public void A_layout_index_entry_with_a_non_string_or_invalid_UTF8_field_is_an_invalid_layout(string index)
    {
        using var temp = new Slipway.Tests.Infra.TempDirectory("finding");
        var bytes = Encoding.UTF8.GetBytes(index.Replace("\\xE9", "\u0001", StringComparison.Ordinal)).ToList();
        var marker = bytes.IndexOf(1);
        if (marker >= 0)
        {
            bytes[marker] = 0xE9;
        }

        File.WriteAllBytes(temp["layout.tar"], new Slipway.Tests.Oci.TarBuilder().Entry("index.json", '0', [.. bytes]).Build());

        var error = Assert.Throws<SlipwayException>(() => OciLayout.Open(temp["layout.tar"], TestContext.Current.CancellationToken));

        Assert.Equal(ErrorCode.LayoutInvalid, error.Code);
    }
}
