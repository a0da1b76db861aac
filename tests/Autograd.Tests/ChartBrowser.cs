using PuppeteerSharp;

namespace Autograd.Tests;

/// <summary>
/// One headless Chromium shared by every chart test that measures the drawn SVG, and the chart
/// pages it opens, written once into a temporary folder. The system browser is used; nothing is
/// downloaded.
/// </summary>
public sealed class ChartBrowser : IAsyncLifetime
{
    private IBrowser? _browser;

    public string PageFolder { get; } = Directory.CreateTempSubdirectory("chart-pages").FullName;

    /// <summary>Where screenshots go: artifacts/screenshots/charts under the repository root.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(Repository.Root, "artifacts", "screenshots", "charts");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser did not start.");

    public async Task InitializeAsync()
    {
        if (Chromium.Path is null)
        {
            return;
        }

        _browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = Chromium.Path,
            Headless = true,
            Args = [.. Chromium.DriverArguments],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
        }

        Directory.Delete(PageFolder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ChartBrowserCollection : ICollectionFixture<ChartBrowser>
{
    public const string Name = "chart browser";
}
