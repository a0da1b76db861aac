using PuppeteerSharp;

namespace Lectures.Runner.Tests;

/// <summary>
/// One headless Chromium for every page and slide test of this assembly (started on first use,
/// closed when the tests end), driven through the DevTools protocol. It never fetches anything:
/// requests go to a closed proxy port, and every request a page makes is recorded.
/// </summary>
internal static class Browser
{
    private static readonly Lazy<Task<IBrowser>> s_browser = new(LaunchAsync);

    /// <summary>Where the tests keep screenshots for a person to look at (build output, not committed).</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(Repository.Root, "artifacts", "screenshots", "pages")).FullName;

    /// <summary>Opens a page from disk at the given window size and waits until every chart on it is drawn.</summary>
    public static async Task<OpenPage> OpenAsync(string file, int width, int height, bool waitForCharts = true)
    {
        IBrowser browser = await s_browser.Value;
        IPage page = await browser.NewPageAsync();
        var visit = new OpenPage(page, new Uri(Path.GetFullPath(file)).AbsoluteUri);
        await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = height });

        // Installed by the browser before the page's scripts, so it is not subject to the page's policy.
        await page.EvaluateExpressionOnNewDocumentAsync(
            "window.__violations = []; document.addEventListener('securitypolicyviolation', function (e) {"
            + " window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '') + ' at ' + e.sourceFile.slice(-30) + ':' + e.lineNumber + ':' + e.columnNumber); });");
        await page.GoToAsync(visit.Url, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = 120_000 });
        if (waitForCharts)
        {
            await page.WaitForFunctionAsync(
                "() => Array.from(document.querySelectorAll('figure.chart > div.plot')).filter(p => p.offsetParent !== null).every(p => p.querySelector('svg.main-svg'))",
                new WaitForFunctionOptions { Timeout = 20_000, PollingInterval = 100 });
        }

        return visit;
    }

    private static async Task<IBrowser> LaunchAsync()
    {
        string executable = Chromium.Path ?? throw new InvalidOperationException("Chromium is not installed: apt-get install -y chromium (or set CHROMIUM to the browser's path).");
        string profile = Directory.CreateTempSubdirectory("chromium-profile").FullName;
        IBrowser browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            Headless = true,
            ExecutablePath = executable,
            UserDataDir = profile,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--hide-scrollbars=false",
                "--font-render-hinting=none",
            ],
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            browser.CloseAsync().Wait(TimeSpan.FromSeconds(10));
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return browser;
    }
}

/// <summary>A page open in the shared browser, with what it logged and asked for.</summary>
internal sealed class OpenPage : IAsyncDisposable
{
    private readonly List<string> _console = [];
    private readonly List<string> _requests = [];

    public OpenPage(IPage page, string url)
    {
        Page = page;
        Url = url;
        page.Console += (_, e) => { lock (_console) { _console.Add($"{e.Message.Type}: {e.Message.Text}"); } };
        page.PageError += (_, e) => { lock (_console) { _console.Add($"page error: {e.Message}"); } };
        page.Request += (_, e) =>
        {
            if (e.Request.Url != url && !e.Request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                lock (_requests) { _requests.Add(e.Request.Url); }
            }
        };
    }

    public IPage Page { get; }

    public string Url { get; }

    /// <summary>The page's console messages and uncaught errors.</summary>
    public IReadOnlyList<string> Console { get { lock (_console) { return [.. _console]; } } }

    /// <summary>Requests for anything but the page itself.</summary>
    public IReadOnlyList<string> Requests { get { lock (_requests) { return [.. _requests]; } } }

    /// <summary>Every Content-Security-Policy violation the page reported (directive, blocked URI, sample).</summary>
    public Task<string[]> ViolationsAsync() => Page.EvaluateExpressionAsync<string[]>("window.__violations");

    public Task<T> EvaluateAsync<T>(string expression) => Page.EvaluateExpressionAsync<T>(expression);

    public Task ScreenshotAsync(string name) => Page.ScreenshotAsync(Path.Combine(Browser.Screenshots, name));

    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
