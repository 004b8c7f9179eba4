using System.Net;
using Microsoft.Playwright;
using Slipway.Cli.Web;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.IntegrationTests.Pipeline;
using Slipway.IntegrationTests.State;
using Slipway.State;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Web;

/// <summary>
/// The page over a PostgreSQL journal that other processes write: a <c>slipway release</c> process pauses at the
/// approval, an approver approves it in Chromium, and <c>slipway</c> processes take the run to its end while the page follows.
/// </summary>
public sealed class PostgresApprovalPageTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_release_paused_in_another_process_is_approved_in_the_page_and_runs_to_its_end()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var project = new ReleaseProject(state: $"[state]\nstore = \"postgres:{database}\"\n\n");
        var paused = await project.RunAsync("release");
        Assert.True(paused.ExitCode == ExitCodes.AwaitingApproval, paused.ToString());
        var run = await project.LatestRunIdAsync();

        var redactor = new SecretRedactor();
        using var journal = PostgresRunJournal.Open(database, null, redactor);
        SlipwayConfig Load() => ConfigLoader.Load(Path.Combine(project.Repository.Path, "slipway.toml"), project.Repository.Path, new DictionaryEnvironment(new Dictionary<string, string>()), redactor);
        var settings = new ServeSettings(new IPEndPoint(IPAddress.Loopback, 0), string.Empty, null, null, null, []);
        await using var server = await ApprovalServer.StartAsync(settings, Load, journal, TimeProvider.System, TestContext.Current.CancellationToken);
        var issued = await CliRunner.RunAsync(project.Repository.Path, "approver", "token", "maintainer2", "--json");
        Assert.True(issued.ExitCode == ExitCodes.Success, issued.ToString());
        var token = System.Text.Json.JsonDocument.Parse(issued.Out).RootElement.GetProperty("token").GetString()!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumFixture.ChromiumPath });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync($"{server.Address}/login");
        await page.GetByLabel("Approver token").FillAsync(token);
        await page.ClickAsync("#sign-in");
        await page.GotoAsync($"{server.Address}/runs/{run}");
        Assert.Equal("awaiting-approval", await page.InnerTextAsync("#run-status"));
        await page.ClickAsync("#approve");
        await page.WaitForSelectorAsync("text=approved by maintainer2");

        var step = await project.RunAsync("step", "approval", "--run", run);
        Assert.True(step.ExitCode == ExitCodes.Success, step.ToString());
        var resumed = await project.RunAsync("resume", run);
        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());

        await page.WaitForFunctionAsync("() => document.getElementById('run-status').textContent === 'succeeded'");
        await ChromiumFixture.ScreenshotAsync(page, "postgres-run-succeeded");
        Assert.Equal(project.BuiltCommit, project.RemoteTag("v1.2.3"));
        Assert.Contains("via session from 127.0.0.1", Assert.Single(await journal.EventsAsync(run, TestContext.Current.CancellationToken), e => e.Kind == RunEventKinds.Approved).Detail, StringComparison.Ordinal);
    }
}
