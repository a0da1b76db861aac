using System.Text.Json;

namespace Lectures.Runner.Tests;

/// <summary>
/// The runner's pages and slide decks of the repository's notebooks, opened in headless Chromium at
/// projector sizes. Each page carries a Content-Security-Policy that lets it load nothing from
/// anywhere, so a page that needed the network would show undrawn charts and report a violation.
/// Screenshots go to artifacts/screenshots/pages for a person to look at.
/// </summary>
[Collection(LectureRunCollection.Name)]
public class PageBrowserTests(LectureRunFixture run)
{
    private const string Lecture = "01-lectures-07-08-autograd";

    private string Output(string name) => Directory.EnumerateFiles(run.Output, name, SearchOption.AllDirectories).Single();

    [BrowserFact]
    public async Task Every_page_and_slide_deck_draws_every_chart_without_loading_anything()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
        string[] files = [.. Directory.EnumerateFiles(run.Output, "*.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
        Assert.Equal(2 * Directory.EnumerateFiles(Path.Combine(Repository.Root, "notebooks"), "*.ipynb").Count(), files.Length);
        foreach (string file in files)
        {
            await using OpenPage page = await Browser.OpenAsync(file, 1280, 720);
            if (file.EndsWith(".slides.html", StringComparison.Ordinal))
            {
                await SlideDeckWalk.VisitEverySlideAsync(page, _ => Task.CompletedTask);
            }

            int figures = await page.EvaluateAsync<int>("document.querySelectorAll('figure.chart').length");
            int drawn = await page.EvaluateAsync<int>("document.querySelectorAll('figure.chart > div.plot svg.main-svg:first-child').length");
            Assert.True(figures > 0, $"{file}: no chart");
            Assert.True(figures == drawn, $"{file}: {drawn} of {figures} charts drawn");
            Assert.Empty(await page.ViolationsAsync());
            Assert.Empty(page.Requests);
            Assert.DoesNotContain(page.Console, m => m.StartsWith("error", StringComparison.Ordinal) || m.StartsWith("page error", StringComparison.Ordinal));
        }
    }

    /// <summary>The check above would notice: under the pages' policy, a request is blocked and reported.</summary>
    [BrowserFact]
    public async Task A_page_that_tries_to_load_something_is_caught()
    {
        string html = File.ReadAllText(Output($"{Lecture}.html"));
        string folder = Directory.CreateTempSubdirectory("fetching-page").FullName;
        string file = Path.Combine(folder, "page.html");
        File.WriteAllText(file, html.Replace("</body>", "<img src=\"https://example.invalid/x.png\"></body>", StringComparison.Ordinal));

        string[] violations;
        await using (OpenPage page = await Browser.OpenAsync(file, 1280, 720))
        {
            violations = await page.ViolationsAsync();
        }

        Directory.Delete(folder, recursive: true);
        Assert.Contains(violations, v => v.StartsWith("img-src https://example.invalid/x.png", StringComparison.Ordinal));
    }

    /// <summary>
    /// A teacher moves the browser to the projector or shrinks the window: every chart follows its
    /// column's width and keeps its legend in view.
    /// </summary>
    [BrowserFact]
    public async Task Charts_follow_their_column_when_the_window_is_resized()
    {
        await using OpenPage page = await Browser.OpenAsync(Output($"{Lecture}.html"), 1920, 1080);
        await page.ScreenshotAsync("lecture-1920x1080-top.png");
        await ScrollToChartAsync(page, 0);
        await page.ScreenshotAsync("lecture-1920x1080-chart.png");
        JsonElement wide = await ChartFitAsync(page);
        Assert.True(wide.GetProperty("fits").GetBoolean(), wide.ToString());

        // At 1920 px the notebook's column uses the screen: less than a third of it is left empty.
        double used = await page.EvaluateAsync<double>("(() => { const m = document.querySelector('main').getBoundingClientRect(); return m.right / window.innerWidth; })()");
        Assert.True(used > 2.0 / 3, $"the page ends at {used:P0} of the window's width");

        await page.Page.SetViewportAsync(new PuppeteerSharp.ViewPortOptions { Width = 1280, Height = 720 });
        await WaitForChartsToFitAsync(page);
        JsonElement narrow = await ChartFitAsync(page);
        Assert.True(narrow.GetProperty("fits").GetBoolean(), narrow.ToString());
        Assert.True(narrow.GetProperty("legends").GetInt32() > 0, "no chart with a legend was checked");
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth"), "the page scrolls sideways at 1280 px");
        JsonElement text = await page.EvaluateAsync<JsonElement>(SmallestTextScript.Replace("ROOTS", "[document.body]", StringComparison.Ordinal));
        Assert.True(text.GetProperty("min").GetDouble() >= 16, $"text at {text.GetProperty("min")} px at 1280 px: \"{text.GetProperty("text")}\"");
        await page.Page.EvaluateExpressionAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync("lecture-1280x720-top.png");
        await ScrollToChartAsync(page, 0);
        await page.ScreenshotAsync("lecture-1280x720-chart.png");
        await ScrollToChartAsync(page, 2);
        await page.ScreenshotAsync("lecture-1280x720-chart3.png");
    }

    /// <summary>
    /// The slide deck at 1280x720: the arrow key moves to the next slide and its number changes, charts
    /// are drawn on the slide that shows them, no text is smaller than 16 px and nothing scrolls sideways.
    /// </summary>
    [BrowserFact]
    public async Task The_slide_deck_moves_with_the_keys_and_reads_at_1280x720()
    {
        await using OpenPage page = await Browser.OpenAsync(Output($"{Lecture}.slides.html"), 1280, 720);
        int slides = await page.EvaluateAsync<int>("document.querySelectorAll('main.deck > section.slide').length");
        Assert.True(slides > 5, $"{slides} slides");
        Assert.Equal($"1 / {slides}", await page.EvaluateAsync<string>("document.querySelector('footer.deck .slide-number').textContent"));
        await page.ScreenshotAsync("lecture-slides-1280x720-first.png");

        await page.Page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal($"2 / {slides}", await page.EvaluateAsync<string>("document.querySelector('footer.deck .slide-number').textContent"));
        Assert.Equal("slide-2", await page.EvaluateAsync<string>("document.querySelector('main.deck > section.slide:not([hidden])').id"));
        await page.Page.Keyboard.PressAsync("ArrowLeft");
        Assert.Equal($"1 / {slides}", await page.EvaluateAsync<string>("document.querySelector('footer.deck .slide-number').textContent"));

        // No chart is drawn before its slide is shown; each is drawn on its slide, at its column's width.
        Assert.Equal(0, await page.EvaluateAsync<int>("document.querySelectorAll('main.deck svg.main-svg').length"));
        var problems = new List<string>();
        int screenshots = 0;
        int tallSlides = 0;
        await SlideDeckWalk.VisitEverySlideAsync(page, async number =>
        {
            JsonElement check = await page.EvaluateAsync<JsonElement>(SlideCheckScript.Replace(
                "SMALLEST", SmallestTextScript.Replace("ROOTS", "[slide, document.querySelector('body > footer.deck')]", StringComparison.Ordinal), StringComparison.Ordinal));
            double min = check.GetProperty("min").GetDouble();
            if (min < 16)
            {
                problems.Add($"slide {number}: text at {min} px: \"{check.GetProperty("text").GetString()}\"");
            }

            if (check.GetProperty("sideways").GetBoolean())
            {
                problems.Add($"slide {number} scrolls sideways");
            }

            // A section taller than the screen says so, and Space scrolls it before moving on.
            JsonElement tall = await page.EvaluateAsync<JsonElement>(
                "(() => { const s = document.querySelector('main.deck > section.slide:not([hidden])');"
                + " return { overflows: s.scrollHeight > s.clientHeight + 2, hint: !document.querySelector('body > footer.deck .more').hidden }; })()");
            if (tall.GetProperty("overflows").GetBoolean() != tall.GetProperty("hint").GetBoolean())
            {
                problems.Add($"slide {number}: overflows {tall.GetProperty("overflows")}, hint shown {tall.GetProperty("hint")}");
            }

            if (tall.GetProperty("overflows").GetBoolean() && tallSlides++ == 0)
            {
                await page.Page.Keyboard.PressAsync(" ");
                await Task.Delay(100);
                Assert.True(await page.EvaluateAsync<double>("document.querySelector('main.deck > section.slide:not([hidden])').scrollTop") > 0, $"Space did not scroll slide {number}");
                Assert.Equal($"{number} / {slides}", await page.EvaluateAsync<string>("document.querySelector('footer.deck .slide-number').textContent"));
            }

            if (check.GetProperty("charts").GetInt32() > 0)
            {
                JsonElement fit = await ChartFitAsync(page);
                if (!fit.GetProperty("fits").GetBoolean())
                {
                    problems.Add($"slide {number}: {fit}");
                }

                if (screenshots++ < 2)
                {
                    await page.ScreenshotAsync($"lecture-slides-1280x720-chart-{screenshots}.png");
                }
            }
            else if (number == 4)
            {
                await page.ScreenshotAsync("lecture-slides-1280x720-code.png");
            }
        });
        Assert.Empty(problems);
        Assert.True(tallSlides > 0, "no slide of the lecture is taller than the screen: the scrolling was not checked");
        Assert.Equal(
            await page.EvaluateAsync<int>("document.querySelectorAll('figure.chart').length"),
            await page.EvaluateAsync<int>("document.querySelectorAll('figure.chart svg.main-svg:first-child').length"));
        Assert.Empty(await page.ViolationsAsync());

        // On the projector's full size the last slide's chart grows with the screen.
        await page.Page.SetViewportAsync(new PuppeteerSharp.ViewPortOptions { Width = 1920, Height = 1080 });
        await WaitForChartsToFitAsync(page);
        await page.ScreenshotAsync("lecture-slides-1920x1080-last.png");
    }

    /// <summary>Printed, the page has no contents column and no chart toolbar, and keeps each chart whole on one sheet.</summary>
    [BrowserFact]
    public async Task The_print_stylesheet_drops_the_contents_and_toolbars_and_keeps_charts_whole()
    {
        await using OpenPage page = await Browser.OpenAsync(Output($"{Lecture}.html"), 1280, 720);
        await page.Page.EmulateMediaTypeAsync(PuppeteerSharp.Media.MediaType.Print);
        JsonElement print = await page.EvaluateAsync<JsonElement>("""
            (() => ({
              contents: getComputedStyle(document.querySelector('nav.toc')).display,
              toolbars: Array.from(document.querySelectorAll('.modebar-container')).filter(m => getComputedStyle(m).display !== 'none').length,
              charts: Array.from(document.querySelectorAll('figure.chart')).filter(f => getComputedStyle(f).breakInside !== 'avoid').length,
              left: document.querySelector('main').getBoundingClientRect().left,
            }))()
            """);
        Assert.Equal("none", print.GetProperty("contents").GetString());
        Assert.Equal(0, print.GetProperty("toolbars").GetInt32());
        Assert.Equal(0, print.GetProperty("charts").GetInt32());
        Assert.True(print.GetProperty("left").GetDouble() < 20, print.ToString());

        // Before printing, every chart takes a sheet's width (A4 or Letter less margins: 680 px).
        await page.Page.EvaluateExpressionAsync("window.dispatchEvent(new Event('beforeprint'))");
        double widest = await page.EvaluateAsync<double>("Math.max(...Array.from(document.querySelectorAll('figure.chart svg.main-svg:first-child')).map(s => s.getBoundingClientRect().width))");
        Assert.True(widest <= 680, $"a chart is {widest} px wide for print");
        await ScrollToChartAsync(page, 1);
        await page.ScreenshotAsync("lecture-print-media-1280.png");
    }

    /// <summary>
    /// Whether every drawn chart's SVG fits its figure and the page's width, and every legend lies
    /// inside its chart; with the numbers when not.
    /// </summary>
    private const string ChartFitScript = """
        (() => {
          const out = { fits: true, legends: 0, problems: [] };
          for (const figure of document.querySelectorAll('figure.chart')) {
            const svg = figure.querySelector('svg.main-svg');
            if (!svg || figure.offsetParent === null) continue;
            const f = figure.getBoundingClientRect(), s = svg.getBoundingClientRect();
            if (s.width > f.width + 1 || s.right > document.documentElement.clientWidth + 1) {
              out.fits = false; out.problems.push('svg ' + s.width + ' px in a ' + f.width + ' px column');
            }
            const legend = figure.querySelector('g.legend');
            if (legend) {
              out.legends++;
              const l = legend.getBoundingClientRect();
              if (l.width === 0 || l.left < s.left - 1 || l.right > s.right + 1 || l.bottom > s.bottom + 1) {
                out.fits = false; out.problems.push('legend ' + l.left + '-' + l.right + ' outside ' + s.left + '-' + s.right);
              }
            }
          }
          return out;
        })()
        """;

    /// <summary>
    /// The smallest rendered text under the ROOTS elements, outside charts (their text is the charts'
    /// own, measured by the chart tests), and the text that has it.
    /// </summary>
    private const string SmallestTextScript = """
        (() => {
          let min = 1000, text = '';
          for (const root of ROOTS) {
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              if (!n.textContent.trim() || n.parentElement.closest('.js-plotly-plot, script, style') || !n.parentElement.getClientRects().length) continue;
              const size = parseFloat(getComputedStyle(n.parentElement).fontSize);
              if (size < min) { min = size; text = n.textContent.trim().slice(0, 60); }
            }
          }
          return { min, text };
        })()
        """;

    private const string SlideCheckScript = """
        (() => {
          const slide = document.querySelector('main.deck > section.slide:not([hidden])');
          const smallest = SMALLEST;
          const sideways = document.documentElement.scrollWidth > document.documentElement.clientWidth || slide.scrollWidth > slide.clientWidth + 1;
          return { min: smallest.min, text: smallest.text, sideways, charts: slide.querySelectorAll('figure.chart').length };
        })()
        """;

    private static Task<JsonElement> ChartFitAsync(OpenPage page) => page.EvaluateAsync<JsonElement>(ChartFitScript);

    /// <summary>plotly.js redraws a little after a resize; the assertions that follow say what did not fit.</summary>
    private static async Task WaitForChartsToFitAsync(OpenPage page)
    {
        try
        {
            await page.Page.WaitForExpressionAsync(ChartFitScript + ".fits", new PuppeteerSharp.WaitForFunctionOptions { Timeout = 10_000, PollingInterval = 100 });
        }
        catch (PuppeteerSharp.WaitTaskTimeoutException)
        {
        }
    }

    private static async Task ScrollToChartAsync(OpenPage page, int index)
    {
        await page.Page.EvaluateExpressionAsync($"document.querySelectorAll('figure.chart')[{index}].scrollIntoView({{ block: 'center' }})");
        await Task.Delay(150);
    }
}
