using System.Diagnostics;
using System.Text.Json;
using PuppeteerSharp;

namespace Lectures.Runner.Tests;

/// <summary>
/// The course site built once by the <c>site</c> verb, served by the <c>serve</c> verb on a free
/// loopback port, and one headless Chromium for every site test; each page's "Run all" is done once
/// and shared by the tests that look at its results.
/// </summary>
public sealed class SiteFixture : IAsyncLifetime
{
    public const string Lecture = "01-lectures-07-08-autograd.html";
    public const string Exercises = "02-exercises.html";
    public const string Training = "03-training-loop.html";
    public const string Charts = "04-autograd-charts.html";
    public const string NeuralNetworkExercises = "06-neural-network-exercises.html";

    private readonly Dictionary<string, Task<SiteRun>> _runs = [];
    private readonly string _profile = Directory.CreateTempSubdirectory("site-chromium").FullName;
    private Process? _server;
    private IBrowser? _browser;

    /// <summary>The site's folder.</summary>
    public string Folder { get; } = Path.Combine(Repository.Root, "artifacts", "test-site");

    /// <summary>What the <c>site</c> verb printed and its exit code.</summary>
    public RunResult Build { get; private set; } = new(-1, string.Empty, string.Empty);

    /// <summary>The address <c>serve</c> printed.</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public async Task InitializeAsync()
    {
        (int exitCode, string stdout, string stderr) = ChildProcess.Run("dotnet", [Runner.Dll, "site", "--out", Folder], TimeSpan.FromMinutes(25), Repository.Root);
        Build = new RunResult(exitCode, stdout, stderr);
        if (exitCode != 0)
        {
            return;
        }

        _server = Runner.Start(Repository.Root, new Dictionary<string, string>(), "serve", Folder, "--port", "0");
        string first = await _server.StandardOutput.ReadLineAsync() ?? string.Empty;
        int at = first.IndexOf("http://127.0.0.1:", StringComparison.Ordinal);
        Address = at >= 0 ? new Uri(first[at..].Split(' ')[0]) : throw new InvalidOperationException($"serve printed no address: {first}");
        if (Chromium.Path is null)
        {
            return;
        }

        _browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            Headless = true,
            ExecutablePath = Chromium.Path,
            UserDataDir = _profile,

            // Loopback bypasses the closed proxy, so only the site itself can answer.
            Args = [.. Chromium.DriverArguments.Where(a => !a.StartsWith("--proxy-bypass-list", StringComparison.Ordinal))],
        });
    }

    /// <summary>Opens a page of the site in a new tab at 1280x720, recording its requests, console and policy violations.</summary>
    public async Task<SiteTab> OpenAsync(string page)
    {
        Assert.True(Build.ExitCode == 0, $"the site verb failed ({Build.ExitCode}): {Build.Stderr}\n{Build.Stdout}");
        IBrowser browser = _browser ?? throw new InvalidOperationException("Chromium is not installed.");
        return await SiteTab.OpenAsync(browser, new Uri(Address, page));
    }

    /// <summary>The page's outputs as the runner wrote them, then its "Run all" in the browser (once per page).</summary>
    public Task<SiteRun> RunAllAsync(string page)
    {
        lock (_runs)
        {
            if (!_runs.TryGetValue(page, out Task<SiteRun>? run))
            {
                run = RunAllNowAsync(page);
                _runs[page] = run;
            }

            return run;
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        Directory.Delete(_profile, recursive: true);
    }

    private async Task<SiteRun> RunAllNowAsync(string page)
    {
        await using SiteTab tab = await OpenAsync(page);
        SiteCell[] before = await tab.CellsAsync();
        Stopwatch clock = Stopwatch.StartNew();
        await tab.ClickButtonAsync("Run all");
        await tab.WaitForIdleAsync(TimeSpan.FromMinutes(6));
        TimeSpan elapsed = clock.Elapsed;
        SiteCell[] after = await tab.CellsAsync();
        await tab.ScreenshotAsync($"run-all-{Path.GetFileNameWithoutExtension(page)}.png");
        return new SiteRun(before, after, elapsed, await tab.OffOriginRequestsAsync(), await tab.ViolationsAsync(), tab.Console);
    }
}

/// <summary>One code cell as a test reads it: its state, whether it said a browser cannot run it, its outputs' text and drawn charts.</summary>
public sealed record SiteCell(string State, bool BrowserLimit, string Output, int Charts, int DrawnCharts);

/// <summary>A page's cells before and after "Run all", and what the page asked for and was refused meanwhile.</summary>
public sealed record SiteRun(SiteCell[] Before, SiteCell[] After, TimeSpan Elapsed, string[] OffOrigin, string[] Violations, IReadOnlyList<string> Console);

/// <summary>A tab of the shared browser on one page of the site.</summary>
public sealed class SiteTab : IAsyncDisposable
{
    private readonly List<string> _console = [];
    private readonly List<string> _requests = [];
    private readonly IPage _page;
    private readonly Uri _origin;

    private SiteTab(IPage page, Uri url)
    {
        _page = page;
        _origin = new Uri(url.GetLeftPart(UriPartial.Authority));
        page.Console += (_, e) => { lock (_console) { _console.Add($"{e.Message.Type}: {e.Message.Text}"); } };
        page.PageError += (_, e) => { lock (_console) { _console.Add($"page error: {e.Message}"); } };
        page.Request += (_, e) => { lock (_requests) { _requests.Add(e.Request.Url); } };
    }

    /// <summary>The console messages and uncaught errors of the page (its worker's policy refusals appear here too).</summary>
    public IReadOnlyList<string> Console { get { lock (_console) { return [.. _console]; } } }

    public static async Task<SiteTab> OpenAsync(IBrowser browser, Uri url)
    {
        IPage page = await browser.NewPageAsync();
        var tab = new SiteTab(page, url);
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 720 });
        await page.EvaluateExpressionOnNewDocumentAsync(
            "window.__violations = []; document.addEventListener('securitypolicyviolation', function (e) {"
            + " window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber); });");
        await page.GoToAsync(url.AbsoluteUri, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = 60_000 });
        await page.WaitForSelectorAsync("main div.cell .cell-bar button", new WaitForSelectorOptions { Timeout = 30_000 });
        return tab;
    }

    public async Task<SiteCell[]> CellsAsync()
    {
        string json = await _page.EvaluateExpressionAsync<string>(
            "JSON.stringify(Array.from(document.querySelectorAll('main div.cell')).map(c => ({ state: c.getAttribute('data-cell-state'), browserLimit: c.hasAttribute('data-browser-limit'),"
            + " output: c.querySelector('[data-cell-output]').innerText, charts: c.querySelectorAll('figure.chart').length, drawnCharts: Array.from(c.querySelectorAll('figure.chart')).filter(f => f.querySelector('svg.main-svg')).length })))");
        return JsonSerializer.Deserialize<SiteCell[]>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    public Task ClickButtonAsync(string label) =>
        _page.EvaluateFunctionAsync("label => Array.from(document.querySelectorAll('button')).find(b => b.textContent === label).click()", label);

    /// <summary>Clicks the Run button of cell <paramref name="index"/> (0-based).</summary>
    public Task ClickCellRunAsync(int index) =>
        _page.EvaluateFunctionAsync("i => document.querySelectorAll('main div.cell')[i].querySelector('.cell-bar button').click()", index);

    /// <summary>The code in cell <paramref name="index"/>'s editor.</summary>
    public Task<string> SourceAsync(int index) =>
        _page.EvaluateFunctionAsync<string>("i => document.querySelectorAll('main div.cell textarea')[i].value", index);

    /// <summary>Clicks the Run button of cell <paramref name="index"/> (0-based) and waits for its outputs.</summary>
    public async Task<SiteCell> RunCellAsync(int index, TimeSpan timeout)
    {
        await ClickCellRunAsync(index);
        await _page.WaitForFunctionAsync(
            "i => ['ok', 'failed'].includes(document.querySelectorAll('main div.cell')[i].getAttribute('data-cell-state'))",
            new WaitForFunctionOptions { Timeout = (int)timeout.TotalMilliseconds, PollingInterval = 20 }, index);
        return (await CellsAsync())[index];
    }

    /// <summary>Appends <paramref name="text"/> to cell <paramref name="index"/> as a person does: click into it, Ctrl+End, type.</summary>
    public Task AppendToCellAsync(int index, string text) => TypeIntoCellAsync(index, "End", text);

    /// <summary>Replaces the code of cell <paramref name="index"/>: click into it, Ctrl+A, type.</summary>
    public Task ReplaceCellAsync(int index, string text) => TypeIntoCellAsync(index, "a", text);

    private async Task TypeIntoCellAsync(int index, string controlKey, string text)
    {
        IElementHandle editor = (await _page.QuerySelectorAllAsync("main div.cell textarea"))[index];
        await editor.ClickAsync();
        await _page.Keyboard.DownAsync("Control");
        await _page.Keyboard.PressAsync(controlKey);
        await _page.Keyboard.UpAsync("Control");
        await _page.Keyboard.TypeAsync(text);
    }

    /// <summary>Waits until the page runs nothing (its Stop button is disabled again).</summary>
    public async Task WaitForIdleAsync(TimeSpan timeout)
    {
        const string stop = "Array.from(document.querySelectorAll('button')).find(b => b.textContent === 'Stop')";
        await _page.WaitForFunctionAsync($"() => !{stop}.disabled", new WaitForFunctionOptions { Timeout = 10_000, PollingInterval = 10 });
        await _page.WaitForFunctionAsync($"() => {stop}.disabled", new WaitForFunctionOptions { Timeout = (int)timeout.TotalMilliseconds, PollingInterval = 100 });
    }

    public Task<string> StatusAsync() => _page.EvaluateExpressionAsync<string>("document.querySelector('.run-status').textContent");

    /// <summary>Requests for anything outside the site's origin: the page's, and its workers' (by their resource timing).</summary>
    public async Task<string[]> OffOriginRequestsAsync()
    {
        var urls = new List<string>();
        lock (_requests)
        {
            urls.AddRange(_requests);
        }

        foreach (WebWorker worker in _page.Workers)
        {
            urls.AddRange(await worker.EvaluateExpressionAsync<string[]>("performance.getEntriesByType('resource').map(e => e.name)"));
        }

        return [.. urls.Where(u => !u.StartsWith(_origin.AbsoluteUri, StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal) && !u.StartsWith("blob:", StringComparison.Ordinal)).Distinct()];
    }

    /// <summary>Content-Security-Policy violations: the page's own events and the console's reports (a worker's show there).</summary>
    public async Task<string[]> ViolationsAsync()
    {
        string[] events = await _page.EvaluateExpressionAsync<string[]>("window.__violations");
        return [.. events, .. Console.Where(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))];
    }

    public Task ScreenshotAsync(string name)
    {
        string folder = Directory.CreateDirectory(Path.Combine(Repository.Root, "artifacts", "screenshots", "site")).FullName;
        return _page.ScreenshotAsync(Path.Combine(folder, name));
    }

    public async ValueTask DisposeAsync() => await _page.CloseAsync();
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFixture>
{
    public const string Name = "One course site, served, in one browser";
}
