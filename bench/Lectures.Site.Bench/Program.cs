using System.Globalization;
using System.Text.Json;
using Lectures.Site.Bench;
using PuppeteerSharp;

// Measures a served course page in headless Chromium: the first cell's output after the page
// starts loading (cold cache, then warm), a small re-run, "Run all", and the bytes transferred on a
// cold load. Usage: Lectures.Site.Bench PAGE_URL [--cells-out FILE]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length is not (1 or 3) || (args.Length == 3 && args[1] != "--cells-out"))
{
    Console.Error.WriteLine("usage: Lectures.Site.Bench PAGE_URL [--cells-out FILE]");
    return 2;
}

string url = args[0];
string profile = Directory.CreateTempSubdirectory("site-bench").FullName;
IBrowser browser = await Puppeteer.LaunchAsync(new LaunchOptions
{
    Headless = true,
    ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium",
    UserDataDir = profile,
    // As the browser tests run it: headless as root, nothing fetched in the background, every
    // request that is not for loopback sent to a closed port.
    Args =
    [
        "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-quic", "--proxy-server=127.0.0.1:9",
    ],
});

// Cold: a fresh profile has an empty cache.
IPage page = await NewPageAsync(browser);
var transfer = await TransferMeter.StartAsync(page);
double coldFirst = await FirstCellAsync(page, url);
long coldBytes = await transfer.BytesAsync();
int coldRequests = await transfer.RequestsAsync();
double rerun = await RunCellAsync(page, 0);

// Warm: the same profile, the runtime in the browser's cache.
await page.CloseAsync();
page = await NewPageAsync(browser);
transfer = await TransferMeter.StartAsync(page);
const string CellsJson = "JSON.stringify(Array.from(document.querySelectorAll('main div.cell')).map(c => ({ state: c.getAttribute('data-cell-state'), limit: c.hasAttribute('data-browser-limit'), text: c.querySelector('[data-cell-output]').innerText })))";
double warmFirst = await FirstCellAsync(page, url);
long warmBytes = await transfer.BytesAsync();
double runAll = await RunAllAsync(page);
string cells = await page.EvaluateExpressionAsync<string>(CellsJson);
await page.GoToAsync(url, new NavigationOptions { WaitUntil = [WaitUntilNavigation.DOMContentLoaded], Timeout = 60_000 });
await page.WaitForSelectorAsync("main div.cell .cell-bar button", new WaitForSelectorOptions { Timeout = 30_000 });
string runnerCells = await page.EvaluateExpressionAsync<string>(CellsJson);
if (args.Length == 3)
{
    // Each cell's outputs as the runner wrote them and as the browser gave them, for a comparison.
    await File.WriteAllTextAsync(args[2], $"{{\"runner\": {runnerCells}, \"browser\": {cells}}}");
}

var states = JsonSerializer.Deserialize<JsonElement>(cells).EnumerateArray().GroupBy(c => c.GetProperty("state").GetString()).Select(g => $"{g.Key} {g.Count()}");
Console.WriteLine($"page: {url}");
Console.WriteLine($"first cell's output, cold cache: {coldFirst / 1000:0.00} s after the page started loading");
Console.WriteLine($"first cell's output, warm cache: {warmFirst / 1000:0.00} s");
Console.WriteLine($"small cell re-run: {rerun / 1000:0.000} s");
Console.WriteLine($"Run all: {runAll / 1000:0.0} s ({string.Join(", ", states)})");
Console.WriteLine($"transferred, cold: {coldBytes / 1e6:0.00} MB in {coldRequests} requests; warm: {warmBytes / 1e6:0.00} MB");
await browser.CloseAsync();
try
{
    Directory.Delete(profile, recursive: true);
}
catch (IOException)
{
    // The browser's last writes to its cache can outlive its exit by a moment; the folder is in /tmp.
}

return 0;

// A page whose console and errors are echoed to standard error, for a run that goes wrong.
static async Task<IPage> NewPageAsync(IBrowser browser)
{
    IPage page = await browser.NewPageAsync();
    page.Console += (_, e) => Console.Error.WriteLine($"console: {e.Message.Text}");
    page.PageError += (_, e) => Console.Error.WriteLine($"page error: {e.Message}");
    return page;
}

// Loads the page and runs its first cell; milliseconds from navigation start to the cell's outputs.
static async Task<double> FirstCellAsync(IPage page, string url)
{
    await page.GoToAsync(url, new NavigationOptions { WaitUntil = [WaitUntilNavigation.DOMContentLoaded], Timeout = 60_000 });
    await page.WaitForSelectorAsync("main div.cell .cell-bar button", new WaitForSelectorOptions { Timeout = 30_000 });
    await page.EvaluateExpressionAsync("document.querySelector('main div.cell .cell-bar button').click()");
    await page.WaitForFunctionAsync("() => ['ok', 'failed'].includes(document.querySelector('main div.cell').getAttribute('data-cell-state'))", new WaitForFunctionOptions { Timeout = 120_000, PollingInterval = 20 });
    return await page.EvaluateExpressionAsync<double>("performance.now()");
}

// Runs cell number index again; milliseconds from the click to its outputs.
static async Task<double> RunCellAsync(IPage page, int index)
    => await page.EvaluateFunctionAsync<double>(
        """
        async (index) => {
          const cell = document.querySelectorAll('main div.cell')[index];
          const start = performance.now();
          cell.querySelector('.cell-bar button').click();
          while (cell.getAttribute('data-cell-state') === 'running') { await new Promise(r => setTimeout(r, 5)); }
          return performance.now() - start;
        }
        """, index);

// Presses "Run all" and waits for the last cell to finish (or the run to stop at a failure).
static async Task<double> RunAllAsync(IPage page)
{
    double start = await page.EvaluateExpressionAsync<double>("(() => { const b = Array.from(document.querySelectorAll('button')).find(b => b.textContent === 'Run all'); const t = performance.now(); b.click(); return t; })()");
    await page.WaitForFunctionAsync("() => !Array.from(document.querySelectorAll('button')).find(b => b.textContent === 'Stop').disabled", new WaitForFunctionOptions { Timeout = 10_000, PollingInterval = 10 });
    await page.WaitForFunctionAsync("() => Array.from(document.querySelectorAll('button')).find(b => b.textContent === 'Stop').disabled", new WaitForFunctionOptions { Timeout = 300_000, PollingInterval = 50 });
    return await page.EvaluateExpressionAsync<double>("performance.now()") - start;
}
