using System.Net;
using System.Text.Json.Nodes;
using Slipway.Tests.Infra;
using System.Text.RegularExpressions;
using Slipway.Pipeline;
using Slipway.State;

namespace Slipway.IntegrationTests.Web;

/// <summary>The approval page over HTTP: who may decide, CSRF, tokens, the trusted header, one decision per run, no stack traces.</summary>
public sealed partial class ApprovalServerTests(ApprovalServerFixture server) : IClassFixture<ApprovalServerFixture>
{
    [Fact]
    public async Task An_approver_signs_in_with_a_token_and_approves_from_the_form_once()
    {
        var run = await server.AwaitingRunAsync("1.0.1");
        using var browser = await SignedInAsync(await server.TokenAsync("alice"));

        var page = await browser.GetStringAsync($"{server.Address}/runs/{run}", TestContext.Current.CancellationToken);
        Assert.Contains("id=\"approve\"", page, StringComparison.Ordinal);
        var response = await PostFormAsync(server, browser, $"/runs/{run}/approve", ("csrf", Csrf(page)), ("digests", string.Empty));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var approvals = (await server.Journal.EventsAsync(run, TestContext.Current.CancellationToken)).Where(e => e.Kind == RunEventKinds.Approved).ToList();
        var approval = Assert.Single(approvals);
        Assert.Equal("alice", approval.Actor);
        Assert.Contains("via session from 127.0.0.1", approval.Detail, StringComparison.Ordinal);

        var again = await PostFormAsync(server, browser, $"/runs/{run}/reject", ("csrf", Csrf(page)), ("reason", "too late"), ("digests", string.Empty));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("SLW8708", await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_without_the_csrf_token_is_refused_and_records_nothing()
    {
        var run = await server.AwaitingRunAsync("1.0.2");
        using var browser = await SignedInAsync(await server.TokenAsync("alice"));

        var response = await PostFormAsync(server, browser, $"/runs/{run}/approve", ("digests", string.Empty));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("SLW8713", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain(await server.Journal.EventsAsync(run, TestContext.Current.CancellationToken), e => e.Kind == RunEventKinds.Approved);
    }

    [Fact]
    public async Task A_non_approver_sees_no_buttons_and_a_forged_post_is_refused()
    {
        var run = await server.AwaitingRunAsync("1.0.3");
        using var browser = await SignedInAsync(await server.TokenAsync("mallory"));

        var page = await browser.GetStringAsync($"{server.Address}/runs/{run}", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("id=\"approve\"", page, StringComparison.Ordinal);
        var csrf = CsrfOfLayout(page);
        var response = await PostFormAsync(server, browser, $"/runs/{run}/approve", ("csrf", csrf), ("digests", string.Empty));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("SLW8007", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain(await server.Journal.EventsAsync(run, TestContext.Current.CancellationToken), e => e.Kind == RunEventKinds.Approved);
    }

    [Fact]
    public async Task A_reject_needs_a_reason_and_is_recorded_with_it()
    {
        var run = await server.AwaitingRunAsync("1.0.4");
        using var browser = await SignedInAsync(await server.TokenAsync("alice"));
        var csrf = Csrf(await browser.GetStringAsync($"{server.Address}/runs/{run}", TestContext.Current.CancellationToken));

        var blank = await PostFormAsync(server, browser, $"/runs/{run}/reject", ("csrf", csrf), ("reason", "  "), ("digests", string.Empty));
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("SLW8709", await blank.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain(await server.Journal.EventsAsync(run, TestContext.Current.CancellationToken), e => e.Kind == RunEventKinds.Rejected);

        var reasoned = await PostFormAsync(server, browser, $"/runs/{run}/reject", ("csrf", csrf), ("reason", "the SBOM lost half its packages"), ("digests", string.Empty));
        Assert.Equal(HttpStatusCode.Redirect, reasoned.StatusCode);
        Assert.StartsWith("the SBOM lost half its packages (via session", Assert.Single(await server.Journal.EventsAsync(run, TestContext.Current.CancellationToken), e => e.Kind == RunEventKinds.Rejected).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_strict()
    {
        using var browser = Browser();

        var response = await SignInAsync(server, browser, await server.TokenAsync("alice"));

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), v => v.StartsWith("slipway_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_header_identity_from_an_untrusted_address_names_no_one()
    {
        var run = await server.AwaitingRunAsync("1.0.5");
        using var browser = Browser();
        browser.DefaultRequestHeaders.Add("X-Forwarded-User", "alice");

        var page = await browser.GetStringAsync($"{server.Address}/runs/{run}", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("Signed in as alice", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"approve\"", page, StringComparison.Ordinal);
        var response = await PostFormAsync(server, browser, $"/runs/{run}/approve", ("csrf", "x"), ("digests", string.Empty));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_api_approves_with_a_bearer_token_and_refuses_a_bad_one()
    {
        var run = await server.AwaitingRunAsync("1.0.6");
        using var client = Browser();

        using var bad = new HttpRequestMessage(HttpMethod.Post, $"{server.Address}/api/runs/{run}/approve");
        bad.Headers.Authorization = new("Bearer", "slw_nope");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(bad, TestContext.Current.CancellationToken)).StatusCode);

        using var good = new HttpRequestMessage(HttpMethod.Post, $"{server.Address}/api/runs/{run}/approve");
        good.Headers.Authorization = new("Bearer", await server.TokenAsync("alice"));
        var response = await client.SendAsync(good, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"kind\": \"approved\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("via token from 127.0.0.1", Assert.Single(await server.Journal.EventsAsync(run, TestContext.Current.CancellationToken), e => e.Kind == RunEventKinds.Approved).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_run_is_a_404_page_and_a_404_document()
    {
        using var client = Browser();

        var page = await client.GetAsync($"{server.Address}/runs/run-nothere", TestContext.Current.CancellationToken);
        var api = await client.GetAsync($"{server.Address}/api/runs/run-nothere", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("SLW8", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
    }

    [Fact]
    public async Task A_decision_on_a_run_that_does_not_await_approval_is_refused()
    {
        var run = await server.AwaitingRunAsync("1.0.7");
        await server.Journal.SetRunStatusAsync(run, RunStatus.Running, true, TestContext.Current.CancellationToken);
        using var client = Browser();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{server.Address}/api/runs/{run}/approve");
        request.Headers.Authorization = new("Bearer", await server.TokenAsync("alice"));

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("SLW8008", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_concurrent_decisions_record_one()
    {
        var run = await server.AwaitingRunAsync("1.0.8");
        var token = await server.TokenAsync("alice");
        using var client = Browser();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{server.Address}/api/runs/{run}/approve");
            request.Headers.Authorization = new("Bearer", token);
            return (await client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode;
        }));

        Assert.Single(responses, s => s == HttpStatusCode.OK);
        Assert.Equal(3, responses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Single(await server.Journal.EventsAsync(run, TestContext.Current.CancellationToken), e => e.Kind == RunEventKinds.Approved);
    }

    [Fact]
    public async Task The_run_document_is_the_status_json_document()
    {
        var run = await server.AwaitingRunAsync("1.0.9");
        using var client = Browser();

        var api = await client.GetStringAsync($"{server.Address}/api/runs/{run}", TestContext.Current.CancellationToken);
        var status = await Tests.Infra.CliRunner.RunAsync(server.Directory, "status", run, "--json");

        Assert.Equal(status.Out.TrimEnd(), api.TrimEnd());
    }

    [Fact]
    public async Task The_run_page_lists_the_commits_and_changed_files_since_the_previous_release_from_git()
    {
        var git = GitTestRepository.InitIn(server.Directory);
        var released = git.Commit("feat: the first release", ("first.txt", "1\n"));
        var previous = await server.Journal.OpenRunAsync(new NewRun("demo", "0.9.0", released, ConfigurationHash.Of(server.Config), new JsonObject(), []), TestContext.Current.CancellationToken);
        await server.Journal.SetRunStatusAsync(previous.Run.Id, RunStatus.Succeeded, false, TestContext.Current.CancellationToken);
        git.Commit("fix: a change after it", ("src/größe.txt", "2\n"));
        var run = await server.AwaitingRunAsync("0.9.1", git.Commit("docs: a second one", ("README", "3\n")));
        using var client = Browser();

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"{server.Address}/runs/{run}", TestContext.Current.CancellationToken));

        Assert.Contains("Changes since the previous release", page, StringComparison.Ordinal);
        Assert.Contains("fix: a change after it", page, StringComparison.Ordinal);
        Assert.Contains("docs: a second one", page, StringComparison.Ordinal);
        Assert.DoesNotContain("feat: the first release", page, StringComparison.Ordinal);
        Assert.Contains("<code>src/größe.txt</code>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("first.txt", page, StringComparison.Ordinal);
    }

    internal static HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });

    private async Task<HttpClient> SignedInAsync(string token)
    {
        var browser = Browser();
        var response = await SignInAsync(server, browser, token);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    internal static async Task<HttpResponseMessage> SignInAsync(ApprovalServerFixture server, HttpClient browser, string token)
    {
        var login = await browser.GetStringAsync($"{server.Address}/login", TestContext.Current.CancellationToken);
        return await PostFormAsync(server, browser, "/login", ("csrf", Csrf(login)), ("token", token));
    }

    internal static async Task<HttpResponseMessage> PostFormAsync(ApprovalServerFixture server, HttpClient browser, string path, params (string Name, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        return await browser.PostAsync(server.Address + path, content, TestContext.Current.CancellationToken);
    }

    internal static string Csrf(string page) => CsrfField().Matches(page).Last().Groups[1].Value;

    private static string CsrfOfLayout(string page) => CsrfField().Match(page).Groups[1].Value;

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
