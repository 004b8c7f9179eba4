using System.Net;
using System.Text;
using Slipway.Diagnostics;
using Slipway.Forges.GitHub;

namespace Slipway.Tests.Forges;

/// <summary>The GitHub client against scripted answers: pagination, hosts the token may go to, caps and error mapping.</summary>
public sealed class GitHubClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly Uri Api = new("https://api.github.com/");

    private const string Release = """{"id":1,"tag_name":"v1.0.0","target_commitish":"abc","name":null,"body":null,"draft":false,"prerelease":false,"html_url":"h","upload_url":"u","assets":[]}""";

    private sealed class Script(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Seen { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add(request);
            var response = answer(request);
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }

    private static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static GitHubClient Client(Script script) =>
        new(new GitHubClientOptions(Api, new Uri("https://uploads.github.com/"), new GitHubRepository("acme", "demo"), "ghs_secret")
        {
            Handler = script,
            RetryDelay = TimeSpan.Zero,
            MaxPages = 3,
        });

    [Fact]
    public async Task Lists_follow_the_Link_header_to_the_last_page()
    {
        using var script = new Script(request =>
        {
            var page = request.RequestUri!.Query.Contains("page=2", StringComparison.Ordinal) ? 2 : 1;
            var response = Json($"[{Release.Replace("\"id\":1", $"\"id\":{page}", StringComparison.Ordinal)}]");
            if (page == 1)
            {
                response.Headers.Add("Link", "<https://api.github.com/repos/acme/demo/releases?per_page=100&page=2>; rel=\"next\", <https://api.github.com/repos/acme/demo/releases?per_page=100&page=2>; rel=\"last\"");
            }

            return response;
        });
        using var client = Client(script);

        var releases = await client.ListReleasesAsync(Token);

        Assert.Equal([1L, 2L], releases.Select(r => r.Id));
        Assert.All(script.Seen, r => Assert.Equal("Bearer ghs_secret", r.Headers.Authorization!.ToString()));
    }

    [Fact]
    public async Task A_Link_to_another_host_is_refused_and_the_token_is_not_sent_there()
    {
        using var script = new Script(_ =>
        {
            var response = Json("[]");
            response.Headers.Add("Link", "<https://evil.example/steal?page=2>; rel=\"next\"");
            return response;
        });
        using var client = Client(script);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => client.ListReleasesAsync(Token));

        Assert.Equal(ErrorCode.GitHubAnswerInvalid, error.Code);
        Assert.DoesNotContain(script.Seen, r => r.RequestUri!.Host == "evil.example");
    }

    [Fact]
    public async Task Endless_pages_are_refused_at_the_bound()
    {
        using var script = new Script(request =>
        {
            var response = Json("[]");
            response.Headers.Add("Link", $"<{request.RequestUri}&n=1>; rel=\"next\"");
            return response;
        });
        using var client = Client(script);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => client.ListReleasesAsync(Token));

        Assert.Equal(ErrorCode.GitHubAnswerInvalid, error.Code);
        Assert.Equal(3, script.Seen.Count);
    }

    [Fact]
    public async Task A_422_is_mapped_once_with_its_message_and_errors()
    {
        using var script = new Script(_ => Json("""{"message":"Validation Failed","errors":[{"resource":"Release","code":"already_exists","field":"tag_name"}]}""", HttpStatusCode.UnprocessableEntity));
        using var client = Client(script);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => client.CreateReleaseAsync(new ReleaseCreateRequest("v1", "abc", "n", "b", true, false), Token));

        Assert.Equal(ErrorCode.GitHubRequestFailed, error.Code);
        Assert.Equal("POST https://api.github.com/repos/acme/demo/releases returned 422: Validation Failed (tag_name already_exists)", error.Message);
        Assert.Single(script.Seen);
    }

    [Fact]
    public async Task A_5xx_is_retried_for_a_get_but_not_for_a_post()
    {
        using var script = new Script(_ => Json("""{"message":"boom"}""", HttpStatusCode.BadGateway));
        using var client = Client(script);

        await Assert.ThrowsAsync<SlipwayException>(() => client.ListReleasesAsync(Token));
        var gets = script.Seen.Count;
        await Assert.ThrowsAsync<SlipwayException>(() => client.CreateReleaseAsync(new ReleaseCreateRequest("v1", "abc", "n", "b", true, false), Token));

        Assert.Equal((4, 5), (gets, script.Seen.Count));
    }

    [Fact]
    public async Task A_primary_rate_limit_reset_too_far_away_is_a_coded_error_without_waiting()
    {
        using var script = new Script(_ =>
        {
            var response = Json("""{"message":"API rate limit exceeded"}""", HttpStatusCode.Forbidden);
            response.Headers.Add("x-ratelimit-remaining", "0");
            response.Headers.Add("x-ratelimit-reset", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            return response;
        });
        using var client = Client(script);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => client.ListReleasesAsync(Token));

        Assert.Equal(ErrorCode.GitHubRateLimited, error.Code);
    }

    [Fact]
    public async Task An_answer_over_the_cap_is_refused_while_reading()
    {
        using var script = new Script(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new MemoryStream(new byte[64 * 1024])) });
        using var client = new GitHubClient(new GitHubClientOptions(Api, Api, new GitHubRepository("acme", "demo"), null) { Handler = script, MaxAnswerBytes = 1024 });

        var error = await Assert.ThrowsAsync<SlipwayException>(() => client.ListReleasesAsync(Token));

        Assert.Equal(ErrorCode.GitHubAnswerTooLarge, error.Code);
    }

    [Fact]
    public async Task A_401_says_what_the_token_needs_and_never_quotes_it()
    {
        using var script = new Script(_ => Json("""{"message":"Bad credentials"}""", HttpStatusCode.Unauthorized));
        using var client = Client(script);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => client.ListReleasesAsync(Token));

        Assert.Equal(ErrorCode.GitHubUnauthorized, error.Code);
        Assert.DoesNotContain("ghs_secret", error.Message + error.Hint, StringComparison.Ordinal);
    }
}
