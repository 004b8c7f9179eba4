using Microsoft.Playwright;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Web;

/// <summary>
/// One approval server and one Chromium per test class: Debian's /usr/bin/chromium driven by the Playwright driver
/// that ships in the NuGet package (no browser is downloaded). Each test gets its own context, so cookies never leak
/// between tests; screenshots go to artifacts/test-results/screenshots and to the test's attachments.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ApprovalServerFixture Server { get; } = new();

    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot.Path, "artifacts", "test-results", "screenshots");

    public async ValueTask InitializeAsync()
    {
        await Server.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    public async Task<IPage> PageAsync(bool javaScript = true)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = javaScript, ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        context.SetDefaultTimeout(10_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs <paramref name="page"/> in with a new token of <paramref name="name"/>, through the sign-in form.</summary>
    public async Task SignInAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"{Server.Address}/login");
        await page.GetByLabel("Approver token").FillAsync(await Server.TokenAsync(name));
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("text=Signed in as " + name);
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(ScreenshotDirectory);
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Path = Path.Combine(ScreenshotDirectory, name + ".png") });
        TestContext.Current.AddAttachment(name + ".png", bytes, "image/png");
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}
