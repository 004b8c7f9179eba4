using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Slipway.State;

namespace Slipway.IntegrationTests.Web;

/// <summary>The approval page in Chromium: what an approver sees, approving and rejecting, live status, without JavaScript, and accessibility basics.</summary>
public sealed class ApprovalPageBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private ApprovalServerFixture Server => chromium.Server;

    [Fact]
    public async Task An_approver_sees_the_digests_and_findings_approves_and_watches_the_status_change_live()
    {
        var run = await Server.AwaitingRunWithImagesAsync("2.0.0");
        var page = await chromium.PageAsync();
        await chromium.SignInAsync(page, "alice");

        await page.GotoAsync($"{Server.Address}/runs/{run}");
        var text = await page.InnerTextAsync("main");
        Assert.Contains("sha256:" + new string('1', 64), text, StringComparison.Ordinal);
        Assert.Contains("sha256:" + new string('3', 64), text, StringComparison.Ordinal);
        Assert.Contains("linux/arm64", text, StringComparison.Ordinal);
        Assert.Contains("CVE-2026-0001 in openssl", text, StringComparison.Ordinal);
        Assert.Contains("CRITICAL", text, StringComparison.Ordinal);
        Assert.Equal("awaiting-approval", await page.InnerTextAsync("#run-status"));
        await ChromiumFixture.ScreenshotAsync(page, "run-awaiting-approval");

        await page.ClickAsync("#approve");
        await page.WaitForSelectorAsync("text=approved by alice");
        Assert.Equal(0, await page.Locator("#approve").CountAsync());
        var approval = Assert.Single(await Server.Journal.EventsAsync(run, TestContext.Current.CancellationToken), e => e.Kind == RunEventKinds.Approved);
        Assert.Contains("digests sha256:" + new string('1', 64), approval.Detail, StringComparison.Ordinal);

        // The runner that waited goes on: the open page follows over server-sent events, nobody reloads it.
        await Server.Journal.SetRunStatusAsync(run, RunStatus.Running, true, TestContext.Current.CancellationToken);
        await page.WaitForFunctionAsync("() => document.getElementById('run-status').textContent === 'running'");
        await Server.Journal.SetRunStatusAsync(run, RunStatus.Succeeded, false, TestContext.Current.CancellationToken);
        await page.WaitForFunctionAsync("() => document.getElementById('run-status').textContent === 'succeeded'");
        await ChromiumFixture.ScreenshotAsync(page, "run-approved-succeeded");
    }

    [Fact]
    public async Task An_approver_rejects_with_a_reason_and_an_empty_reason_is_not_sent()
    {
        var run = await Server.AwaitingRunAsync("2.0.1");
        var page = await chromium.PageAsync();
        await chromium.SignInAsync(page, "alice");
        await page.GotoAsync($"{Server.Address}/runs/{run}");

        await page.ClickAsync("#reject");
        Assert.False(await page.EvalOnSelectorAsync<bool>("#reason", "e => e.validity.valid"));
        Assert.DoesNotContain(await Server.Journal.EventsAsync(run, TestContext.Current.CancellationToken), e => e.Kind == RunEventKinds.Rejected);

        await page.GetByLabel("Reason for rejecting (required)").FillAsync("the SBOM lost half its packages");
        await page.ClickAsync("#reject");
        await page.WaitForSelectorAsync("text=rejected by alice");

        var rejection = Assert.Single(await Server.Journal.EventsAsync(run, TestContext.Current.CancellationToken), e => e.Kind == RunEventKinds.Rejected);
        Assert.StartsWith("the SBOM lost half its packages", rejection.Detail, StringComparison.Ordinal);
        Assert.Contains("the SBOM lost half its packages", await page.InnerTextAsync("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_approver_sees_no_buttons_and_a_forged_post_from_the_page_is_refused()
    {
        var run = await Server.AwaitingRunAsync("2.0.2");
        var page = await chromium.PageAsync();
        await chromium.SignInAsync(page, "mallory");
        await page.GotoAsync($"{Server.Address}/runs/{run}");

        Assert.Equal(0, await page.Locator("#approve").CountAsync());
        Assert.Equal(0, await page.Locator("#reject").CountAsync());
        Assert.Contains("mallory is not an approver", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await ChromiumFixture.ScreenshotAsync(page, "run-non-approver");

        // The forged form carries mallory's own valid CSRF token (from the sign-out form): only the approver check stands.
        var status = await ForgeAsync(page, $"{Server.Address}/runs/{run}/approve", withCsrf: true);
        Assert.Equal(403, status);
        Assert.Contains("SLW8007", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.DoesNotContain(await Server.Journal.EventsAsync(run, TestContext.Current.CancellationToken), e => e.Kind == RunEventKinds.Approved);
    }

    [Fact]
    public async Task An_approvers_post_without_the_csrf_token_is_refused()
    {
        var run = await Server.AwaitingRunAsync("2.0.3");
        var page = await chromium.PageAsync();
        await chromium.SignInAsync(page, "alice");
        await page.GotoAsync($"{Server.Address}/runs/{run}");

        var status = await ForgeAsync(page, $"{Server.Address}/runs/{run}/approve", withCsrf: false);

        Assert.Equal(403, status);
        Assert.Contains("SLW8713", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.DoesNotContain(await Server.Journal.EventsAsync(run, TestContext.Current.CancellationToken), e => e.Kind == RunEventKinds.Approved);
    }

    [Fact]
    public async Task The_page_works_without_javascript_sign_in_filter_and_approve()
    {
        var run = await Server.AwaitingRunWithImagesAsync("2.0.4");
        var page = await chromium.PageAsync(javaScript: false);
        await chromium.SignInAsync(page, "alice");

        await page.GotoAsync($"{Server.Address}/");
        await page.SelectOptionAsync("#status", "awaiting-approval");
        await page.ClickAsync("button:has-text('Filter')");
        Assert.Contains("status=awaiting-approval", page.Url, StringComparison.Ordinal);
        await ChromiumFixture.ScreenshotAsync(page, "runs-filtered-no-javascript");
        await page.ClickAsync($"a:has-text('{run}')");
        await page.ClickAsync("#approve");
        await page.WaitForSelectorAsync("text=approved by alice");

        Assert.Single(await Server.Journal.EventsAsync(run, TestContext.Current.CancellationToken), e => e.Kind == RunEventKinds.Approved);
    }

    [Fact]
    public async Task Keyboard_only_an_approver_tabs_to_approve_and_presses_enter()
    {
        var run = await Server.AwaitingRunAsync("2.0.5");
        var page = await chromium.PageAsync();
        await chromium.SignInAsync(page, "alice");
        await page.GotoAsync($"{Server.Address}/runs/{run}");

        var reached = false;
        for (var tab = 0; tab < 30 && !reached; tab++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.id") == "approve";
        }

        Assert.True(reached, "Approve is not reachable with Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("text=approved by alice");
        Assert.Single(await Server.Journal.EventsAsync(run, TestContext.Current.CancellationToken), e => e.Kind == RunEventKinds.Approved);
    }

    [Theory]
    [InlineData("login")]
    [InlineData("runs")]
    [InlineData("run")]
    public async Task Every_control_is_labelled_and_there_is_one_h1_and_headings_go_down_one_level_at_a_time(string which)
    {
        var run = await Server.AwaitingRunWithImagesAsync("2.1." + which.Length.ToString(CultureInfo.InvariantCulture));
        var page = await chromium.PageAsync();
        await chromium.SignInAsync(page, "alice");
        await page.GotoAsync(which switch { "login" => $"{Server.Address}/login", "runs" => $"{Server.Address}/", _ => $"{Server.Address}/runs/{run}" });
        await ChromiumFixture.ScreenshotAsync(page, "page-" + which);

        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
              .filter(e => e.tagName === 'BUTTON' ? !e.textContent.trim() && !e.getAttribute('aria-label') : e.labels.length === 0 && !e.getAttribute('aria-label'))
              .map(e => e.outerHTML)
            """);
        Assert.Empty(unlabelled);
        var levels = await page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])");
        Assert.Equal(1, levels.Count(l => l == 1));
        Assert.Equal(1, levels[0]);
        for (var index = 1; index < levels.Length; index++)
        {
            Assert.True(levels[index] <= levels[index - 1] + 1, $"heading h{levels[index]} follows h{levels[index - 1]}");
        }
    }

    [Fact]
    public async Task Every_status_colour_has_a_contrast_of_at_least_4_5_to_1()
    {
        var page = await chromium.PageAsync();
        await page.GotoAsync($"{Server.Address}/");

        // Every status the page can show, styled by the page's own stylesheet, read back as computed colours.
        var names = Enum.GetValues<RunStatus>().Select(StatusNames.Of).Concat(Enum.GetValues<StepStatus>().Select(StatusNames.Of)).Distinct().ToArray();
        var colours = await page.EvaluateAsync<JsonElement>("""
            names => names.map(n => {
              const el = document.createElement('span');
              el.className = 'status s-' + n;
              el.textContent = n;
              document.querySelector('main').appendChild(el);
              const style = getComputedStyle(el);
              return [n, style.color, style.backgroundColor];
            })
            """, names);

        Assert.Equal(names.Length, colours.GetArrayLength());
        foreach (var entry in colours.EnumerateArray())
        {
            var name = entry[0].GetString();
            var background = Rgb(entry[2].GetString()!);
            Assert.True(background != (0, 0, 0), $"{name} has no background of its own");
            var ratio = Contrast(Rgb(entry[1].GetString()!), background);
            Assert.True(ratio >= 4.5, $"{name}: contrast {ratio:0.00}:1 ({entry[1]} on {entry[2]})");
        }
    }

    /// <summary>Submits a form built in the page (as a hostile page or a hand-made request would), returning the response status.</summary>
    private static async Task<int> ForgeAsync(IPage page, string action, bool withCsrf)
    {
        var response = await page.RunAndWaitForResponseAsync(() => page.EvaluateAsync("""
            ([action, withCsrf]) => {
              const form = document.createElement('form');
              form.method = 'post';
              form.action = action;
              const own = document.querySelector('input[name=csrf]');
              if (withCsrf && own) { const c = document.createElement('input'); c.type = 'hidden'; c.name = 'csrf'; c.value = own.value; form.appendChild(c); }
              document.body.appendChild(form);
              form.submit();
            }
            """, new object[] { action, withCsrf }), r => r.Url == action && r.Request.Method == "POST");
        await page.WaitForLoadStateAsync();
        return response.Status;
    }

    private static (int R, int G, int B) Rgb(string css)
    {
        var parts = css[(css.IndexOf('(', StringComparison.Ordinal) + 1)..css.IndexOf(')', StringComparison.Ordinal)].Split(',');
        if (parts.Length == 4 && double.Parse(parts[3], CultureInfo.InvariantCulture) == 0)
        {
            return (0, 0, 0);
        }

        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    // WCAG 2.x relative luminance and contrast ratio.
    private static double Contrast((int R, int G, int B) a, (int R, int G, int B) b)
    {
        var la = Luminance(a);
        var lb = Luminance(b);
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance((int R, int G, int B) c) => (0.2126 * Channel(c.R)) + (0.7152 * Channel(c.G)) + (0.0722 * Channel(c.B));

    private static double Channel(int value)
    {
        var s = value / 255.0;
        return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
    }
}
