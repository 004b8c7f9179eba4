using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Slipway.Cli.Web;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.IntegrationTests.Oci;
using Slipway.IntegrationTests.Pipeline.Images;
using Slipway.State;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Web;

/// <summary>
/// What approving will do, on a real run: 1.2.3 is released, then 1.2.4 (another build) waits for approval, and the
/// page, status --json and the report say that latest and 1.2 move from 1.2.3's digest to 1.2.4's and that 1.2.4 is a new tag.
/// </summary>
[Collection(AnonymousRegistryGroup.Name)]
public sealed class TagMovesBrowserTests(AnonymousRegistry server) : IDisposable
{
    private readonly ImageReleaseProject _project = new(server.Registry.Host, "e2e/moves");

    public void Dispose()
    {
        server.AttachLogIfFailed();
        _project.Dispose();
    }

    [Fact]
    public async Task A_second_release_shows_latest_moving_from_the_first_releases_digest_and_approving_moves_it()
    {
        var first = await _project.RunAsync("release", "--yes", "--as", "maintainer1");
        Assert.True(first.ExitCode == ExitCodes.Success, first.ToString());
        var firstDigest = _project.Built.ToString();
        var repository = _project.Project.Repository;
        var layout = Path.Combine(repository.Path, "out", "oci");
        Directory.Delete(layout, recursive: true);
        var second = TestImages.MultiPlatformIndex(layout, attestation: false, seed: "e2e/moves 1.2.4").Top.Digest.ToString();
        Assert.NotEqual(firstDigest, second);
        File.WriteAllText(Path.Combine(repository.Path, "VERSION"), "1.2.4\n");
        repository.Git("commit", "-qam", "Release 1.2.4");
        repository.Git("push", "-q", "origin", "main");

        var paused = await _project.RunAsync("release");

        Assert.True(paused.ExitCode == ExitCodes.AwaitingApproval, paused.ToString());
        var status = await _project.StatusAsync();
        var run = status.GetProperty("id").GetString()!;
        var moves = status.GetProperty("tagMoves").EnumerateArray().ToDictionary(m => m.GetProperty("tag").GetString()!, m => (From: m.GetProperty("from").GetString(), To: m.GetProperty("to").GetString(), Moves: m.GetProperty("moves").GetBoolean()));
        Assert.Equal((firstDigest, second, true), moves["latest"]);
        Assert.Equal((firstDigest, second, true), moves["1.2"]);
        Assert.Equal(((string?)null, second, true), moves["1.2.4"]);

        var reportFile = Path.Combine(repository.Path, "out", "report.html");
        var report = await _project.RunAsync("report", run, "--out", reportFile);
        Assert.True(report.ExitCode == ExitCodes.Success, report.ToString());
        Assert.Contains($"<code>{_project.Image}:latest</code>: <code class=\"digest\">{firstDigest}</code> → <code class=\"digest\">{second}</code>", File.ReadAllText(reportFile), StringComparison.Ordinal);

        var redactor = new SecretRedactor();
        using var journal = SqliteRunJournal.Open(_project.Project.StateFile, redactor);
        SlipwayConfig Load() => ConfigLoader.Load(Path.Combine(repository.Path, "slipway.toml"), repository.Path, new DictionaryEnvironment(new Dictionary<string, string>()), redactor);
        var settings = new ServeSettings(new IPEndPoint(IPAddress.Loopback, 0), string.Empty, null, null, null, []);
        await using var approvals = await ApprovalServer.StartAsync(settings, Load, journal, TimeProvider.System, TestContext.Current.CancellationToken);
        var issued = await _project.RunAsync("approver", "token", "maintainer2", "--json");
        Assert.True(issued.ExitCode == ExitCodes.Success, issued.ToString());
        var token = JsonDocument.Parse(issued.Out).RootElement.GetProperty("token").GetString()!;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumFixture.ChromiumPath });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync($"{approvals.Address}/login");
        await page.GetByLabel("Approver token").FillAsync(token);
        await page.ClickAsync("#sign-in");
        await page.GotoAsync($"{approvals.Address}/runs/{run}");

        var decide = await page.InnerTextAsync("section.decide");
        Assert.Contains($"{_project.Image}:latest: {firstDigest} → {second}", decide, StringComparison.Ordinal);
        Assert.Contains($"{_project.Image}:1.2: {firstDigest} → {second}", decide, StringComparison.Ordinal);
        Assert.Contains($"{_project.Image}:1.2.4: new tag → {second}", decide, StringComparison.Ordinal);
        await ChromiumFixture.ScreenshotAsync(page, "run-tags-that-move");
        await page.ClickAsync("#approve");
        await page.WaitForSelectorAsync("text=approved by maintainer2");

        var resumed = await _project.RunAsync("resume", run);

        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        var tags = await ImageReleaseProject.TagsAsync(server.Registry, "e2e/moves");
        Assert.Equal(second, tags["latest"]);
        Assert.Equal(firstDigest, tags["1.2.3"]);
        var after = (await _project.StatusAsync(run)).GetProperty("tagMoves").EnumerateArray().Single(m => m.GetProperty("tag").GetString() == "latest");
        Assert.Equal(firstDigest, after.GetProperty("from").GetString());
    }
}
