using System.Text.Json;

namespace Lectures.Runner.Tests;

/// <summary>
/// The payload notebook's page and slide deck, rendered in process from made-up outputs and
/// written by the runner from a real run: opened in Chromium, none of its payloads may leave its
/// mark, the page's own scripts must run without a single policy violation, and every chart must
/// be drawn with its title intact.
/// </summary>
public sealed class PayloadPageBrowserTests(PayloadPages pages) : IClassFixture<PayloadPages>
{
    /// <summary>The chart title the notebook's chart cell gives (in C#: <c>\u2028</c> is the line separator); the chart may set it in bold.</summary>
    private const string RunnerChartTitle = "Title </script><script>document.title = 'PWNED chart close'</script> and <!--<script> and \u2028";

    [BrowserFact]
    public async Task No_payload_runs_in_the_page_rendered_from_made_up_outputs() =>
        await AssertNothingRanAsync(pages.InProcessPage, PayloadNotebook.ChartTitle, 2);

    [BrowserFact]
    public async Task No_payload_runs_in_the_slide_deck_rendered_from_made_up_outputs() =>
        await AssertNothingRanAsync(pages.InProcessSlides, PayloadNotebook.ChartTitle, 2);

    [BrowserFact]
    public async Task No_payload_runs_in_the_page_the_runner_writes()
    {
        Assert.True(pages.RunnerResult.ExitCode == 0, pages.RunnerResult.ToString());
        await AssertNothingRanAsync(pages.RunnerPage, RunnerChartTitle, 1);
        await AssertNothingRanAsync(Path.ChangeExtension(pages.RunnerPage, ".slides.html"), RunnerChartTitle, 1);
    }

    private static async Task AssertNothingRanAsync(string file, string chartTitle, int charts)
    {
        await using OpenPage page = await Browser.OpenAsync(file, 1280, 720);
        bool slides = file.EndsWith(".slides.html", StringComparison.Ordinal);
        if (slides)
        {
            await SlideDeckWalk.VisitEverySlideAsync(page, _ => Task.CompletedTask);
        }

        // Toggle every details element (ontoggle), click every link that stays on the page, give a
        // meta refresh its chance, then look for the marks.
        await page.Page.EvaluateExpressionAsync(
            "document.querySelectorAll('main details').forEach(d => { d.open = !d.open; d.open = !d.open; });"
            + "document.querySelectorAll('main a').forEach(a => { const h = a.getAttribute('href'); if (!a.closest('.js-plotly-plot') && (h === null || h.startsWith('#'))) a.click(); });");
        await Task.Delay(400);
        JsonElement marks = await page.EvaluateAsync<JsonElement>("""
            (() => ({
              title: document.title,
              url: location.href,
              base: document.baseURI,
              forms: document.forms.length,
              marked: document.querySelectorAll('[data-pwned]').length,
              handlers: Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length,
              frames: window.frames.length,
              red: getComputedStyle(document.body).backgroundColor === 'rgb(255, 0, 0)',
              styles: Array.from(document.querySelectorAll('style')).filter(s => !s.id.startsWith('plotly')).length,
              texts: Array.from(document.querySelectorAll('figure.chart > script.figure')).flatMap(s => {
                const layout = JSON.parse(s.textContent).layout;
                return [layout.title && (layout.title.text || layout.title)].concat((layout.annotations || []).map(a => a.text)).filter(t => typeof t === 'string');
              }),
              drawn: document.querySelectorAll('figure.chart > div.plot svg.main-svg:first-child').length,
            }))()
            """);

        Assert.Equal(PayloadNotebook.Title, marks.GetProperty("title").GetString());
        Assert.DoesNotContain("pwned", marks.GetProperty("url").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("file://", marks.GetProperty("base").GetString()!, StringComparison.Ordinal);
        Assert.Equal(0, marks.GetProperty("forms").GetInt32());
        Assert.Equal(0, marks.GetProperty("marked").GetInt32());
        Assert.Equal(0, marks.GetProperty("handlers").GetInt32());
        Assert.Equal(0, marks.GetProperty("frames").GetInt32());
        Assert.False(marks.GetProperty("red").GetBoolean(), "a notebook's style reached the page");
        Assert.Equal(1, marks.GetProperty("styles").GetInt32()); // the page's own (plotly.js adds its own too, by id "plotly...")
        Assert.DoesNotContain(page.Console, m => m.Contains("PWNED", StringComparison.Ordinal));
        Assert.Empty(await page.ViolationsAsync());
        Assert.Empty(page.Requests);

        // Every chart is drawn and its title holds the very string the notebook gave.
        Assert.Equal(charts, marks.GetProperty("drawn").GetInt32());
        Assert.Contains(marks.GetProperty("texts").EnumerateArray(), t => t.GetString()!.Contains(chartTitle, StringComparison.Ordinal));
    }
}

/// <summary>The payload notebook's pages, made once for the tests above.</summary>
public sealed class PayloadPages : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("payload-pages").FullName;

    public PayloadPages()
    {
        NotebookDocument notebook = NotebookDocument.Load(PayloadNotebook.Path);
        Dictionary<int, CellResult> results = PayloadNotebook.FabricatedResults(notebook);
        InProcessPage = Path.Combine(_folder, "in-process.html");
        InProcessSlides = Path.Combine(_folder, "in-process.slides.html");
        File.WriteAllText(InProcessPage, TestPages.Page(notebook, results, TestPages.PlotlyJs));
        File.WriteAllText(InProcessSlides, TestPages.Slides(notebook, results, TestPages.PlotlyJs));

        string output = Path.Combine(_folder, "runner");
        RunnerResult = Runner.Run(Repository.Root, PayloadNotebook.Path, "--out", output);
        RunnerPage = Directory.EnumerateFiles(output, "payloads.html", SearchOption.AllDirectories).SingleOrDefault() ?? Path.Combine(output, "payloads.html");
    }

    public string InProcessPage { get; }

    public string InProcessSlides { get; }

    public RunResult RunnerResult { get; }

    public string RunnerPage { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
