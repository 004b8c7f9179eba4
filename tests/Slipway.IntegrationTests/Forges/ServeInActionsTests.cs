using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Slipway.Cli;
using Slipway.Diagnostics;
using Slipway.IntegrationTests.Pipeline;
using Slipway.Tests.Infra.GitHub;

namespace Slipway.IntegrationTests.Forges;

/// <summary>
/// <c>slipway serve --worker</c> as a GitHub Actions job on the GitHub forge: the page's decision stands on the identity
/// Slipway authenticated (here an approver token), not on the job's environment. The Actions check that <c>approve</c>
/// applies to <c>--as</c> is not applied (no <c>/approvals</c> request, GITHUB_ACTOR is someone else, the environment has
/// no review), no name is taken from the request, and the worker never approves on SLIPWAY_APPROVER's word.
/// </summary>
public sealed partial class ServeInActionsTests : IDisposable
{
    private const long WorkflowRun = 4242;

    private readonly ReleaseProject _project = new();
    private readonly LocalGitHub _github = new();

    public ServeInActionsTests()
    {
        _project.Environment["GITHUB_TOKEN"] = _github.Token;
    }

    public void Dispose()
    {
        var violations = _github.Violations;
        _github.Dispose();
        _project.Dispose();
        Assert.Empty(violations);
    }

    [Fact]
    public async Task A_page_decision_in_an_Actions_job_is_journaled_under_the_signed_in_approver_and_the_worker_finishes_the_run()
    {
        GitHubForgeSetup.Apply(_project.Repository, _github, tables: "\n[ci.github]\napproval-environment = \"production\"\n");
        var released = await _project.RunAsync("release");
        Assert.True(released.ExitCode == ExitCodes.AwaitingApproval, released.ToString());
        var run = await _project.LatestRunIdAsync();
        var issued = await _project.RunAsync("approver", "token", "maintainer2", "--expires", "1d", "--json");
        Assert.True(issued.ExitCode == ExitCodes.Success, issued.ToString());
        var token = JsonDocument.Parse(issued.Out).RootElement.GetProperty("token").GetString()!;

        // Only the serve job runs in Actions; the test's own status reads do not.
        var job = new Dictionary<string, string>(_project.Environment, StringComparer.Ordinal)
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_RUN_ID"] = WorkflowRun.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GITHUB_REPOSITORY"] = $"{_github.Owner}/{_github.Name}",
            ["GITHUB_ACTOR"] = "mallory",
            ["SLIPWAY_APPROVER"] = "maintainer1",
        };
        using var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var host = new CliHost(synchronized, TextWriter.Synchronized(error), new DictionaryEnvironment(job), _project.Repository.Path);
        var serving = Task.Run(() => SlipwayApp.RunAsync(["serve", "--listen", "127.0.0.1:0", "--worker"], host, stop.Token), stop.Token);
        try
        {
            var address = await AddressAsync(synchronized, output, serving);

            // Two worker rounds at least: an open run awaiting approval that nobody decided stays so.
            await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);
            Assert.Equal("awaiting-approval", (await _project.StatusAsync(run)).GetProperty("status").GetString());
            Assert.Empty(await DecisionsAsync(run));

            using var client = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{address}api/runs/{run}/approve")
            {
                Content = new StringContent("""{"as":"maintainer1","approver":"maintainer1","actor":"maintainer1"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("X-Forwarded-User", "maintainer1");
            using var answer = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

            var status = await FinishedAsync(run);
            Assert.True(status.GetProperty("status").GetString() == "succeeded", status.ToString() + "\n" + error);
            var decision = Assert.Single(await DecisionsAsync(run));
            Assert.Equal("approved", decision.GetProperty("kind").GetString());
            Assert.Equal("maintainer2", decision.GetProperty("actor").GetString());
            Assert.StartsWith("via token from ", decision.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain(_github.Requests, r => r.Contains("/approvals", StringComparison.Ordinal));
            Assert.Equal("v1.2.3", Assert.Single(_github.Releases)["tag_name"]!.GetValue<string>());
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(ExitCodes.Success, await serving);
        }

        Assert.DoesNotContain(token, output.ToString() + error, StringComparison.Ordinal);
    }

    private static async Task<string> AddressAsync(TextWriter synchronized, StringWriter output, Task<int> serving)
    {
        for (var i = 0; i < 300; i++)
        {
            string text;
            lock (synchronized)
            {
                text = output.ToString();
            }

            if (ServeAddress().Match(text) is { Success: true } match)
            {
                return match.Groups["address"].Value;
            }

            Assert.False(serving.IsCompleted, $"serve ended: exit {(serving.IsCompletedSuccessfully ? serving.Result : -1)}\n{text}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("slipway serve printed no address");
    }

    private async Task<JsonElement> FinishedAsync(string run)
    {
        for (var i = 0; i < 600; i++)
        {
            var status = await _project.StatusAsync(run);
            if (status.GetProperty("status").GetString() is not ("awaiting-approval" or "running"))
            {
                return status;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return await _project.StatusAsync(run);
    }

    private async Task<IReadOnlyList<JsonElement>> DecisionsAsync(string run) =>
        [.. (await _project.StatusAsync(run)).GetProperty("events").EnumerateArray().Where(e => e.GetProperty("kind").GetString() is "approved" or "rejected")];

    [GeneratedRegex(@"slipway serve: (?<address>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex ServeAddress();
}
