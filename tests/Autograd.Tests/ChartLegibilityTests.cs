using System.Globalization;
using System.Text.Json;
using Autograd.Charts;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace Autograd.Tests;

/// <summary>
/// Every chart, drawn offline by Chromium at a projector's two common sizes, measured from the SVG
/// Plotly drew: no text under 16 px, no two texts overlapping, none cut off by the plot area or the
/// figure, a slider's graph taking at least 70% of its figure, and the chart as wide as its window.
/// Each case saves a screenshot under artifacts/screenshots/charts for a person to look at.
/// </summary>
[Collection(ChartBrowserCollection.Name)]
public sealed class ChartLegibilityTests(ChartBrowser browser, ITestOutputHelper output)
{
    private const double MinimumFontPx = 16;

    public static TheoryData<string> Charts() => [.. LectureCharts.Names];

    /// <summary>
    /// Each chart is opened offline at 1920x1080, measured, then its window is shrunk to 1280x720
    /// (as a laptop on a projector does) and measured again: so the smaller size also checks that
    /// the chart followed its window. The slider chart is measured at several steps.
    /// </summary>
    [BrowserTheory]
    [MemberData(nameof(Charts))]
    public async Task Every_chart_text_is_projector_sized_apart_and_whole(string chart)
    {
        var fetched = new List<string>();
        await using IPage page = await Open(chart, 1920, 1080, fetched);
        var failures = new List<string>();
        int[] steps = chart.StartsWith("backward-steps", StringComparison.Ordinal) ? [0, 1, 4, 8] : [-1];
        // 960 px: about the column a notebook page leaves a chart beside its contents at 1280 px.
        foreach ((int width, int height) in new[] { (1920, 1080), (1280, 720), (960, 720) })
        {
            if (width != 1920)
            {
                await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = height });
                await page.WaitForFunctionAsync($"() => document.querySelector('.js-plotly-plot .main-svg').getBoundingClientRect().width <= {width}", new WaitForFunctionOptions { Timeout = 5000 });
            }

            foreach (int step in steps)
            {
                if (step >= 0)
                {
                    await MoveSlider(page, step);
                }

                ChartMeasurement m = await Measure(page);
                string name = step >= 0 ? $"{chart}-step-{step}" : chart;
                Directory.CreateDirectory(ChartBrowser.ScreenshotFolder);
                await page.ScreenshotAsync(Path.Combine(ChartBrowser.ScreenshotFolder, $"{name}-{width}x{height}.png"), new ScreenshotOptions { FullPage = true });
                string line = string.Create(CultureInfo.InvariantCulture, $"{name}\t{width}x{height}\tmin font {m.MinFontPx} px\toverlaps {m.Overlaps.Length}\tclipped {m.Clipped.Length}\tgraph {m.GraphShare:P1} of {m.FigureHeight:F0} px\twidth {m.FigureWidth:F0} px\ttexts {m.TextCount}");
                output.WriteLine(line);
                File.AppendAllText(Path.Combine(ChartBrowser.ScreenshotFolder, "measurements.tsv"), line + Environment.NewLine);

                string at = $"{name} at {width}x{height}";
                Check(m.TextCount > 1, $"{at}: only {m.TextCount} texts drawn.");
                Check(m.FigureWidth <= width && m.FigureWidth >= width - 40, $"{at}: the chart is {m.FigureWidth} px wide in a {width} px window.");
                Check(m.MinFontPx >= MinimumFontPx, $"{at}: text at {m.MinFontPx} px: {m.SmallestText}");
                Check(m.Overlaps.Length == 0, $"{at}: overlapping texts: {string.Join(" | ", m.Overlaps)}");
                Check(m.Clipped.Length == 0, $"{at}: texts cut off: {string.Join(" | ", m.Clipped)}");
                Check(!m.HasSlider || m.GraphShare >= 0.7, $"{at}: the graph is {m.GraphShare:P0} of the figure's height.");
            }
        }

        Check(fetched.Count == 0, $"{chart}: the page asked the network for {string.Join(", ", fetched)}");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        void Check(bool ok, string failure)
        {
            if (!ok)
            {
                failures.Add(failure);
            }
        }
    }

    private async Task<IPage> Open(string chart, int width, int height, List<string> fetched)
    {
        string file = Path.Combine(browser.PageFolder, chart + ".html");
        ChartPage.Save(LectureCharts.Build(chart), file);
        IPage page = await browser.Browser.NewPageAsync();
        page.Request += (_, e) =>
        {
            if (!e.Request.Url.StartsWith("file:", StringComparison.Ordinal) && !e.Request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                fetched.Add(e.Request.Url);
            }
        };
        // A page embeds plotly.js (3.6 MB): on a busy 2-core machine loading it can take longer than PuppeteerSharp's 30 s default.
        page.DefaultTimeout = 120_000;
        page.DefaultNavigationTimeout = 120_000;
        await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = height });
        await page.GoToAsync(new Uri(file).AbsoluteUri, WaitUntilNavigation.Load);
        await page.WaitForSelectorAsync(".js-plotly-plot .main-svg");
        await page.EvaluateExpressionAsync("document.fonts.ready.then(() => true)");
        return page;
    }

    private static async Task MoveSlider(IPage page, int step)
    {
        await page.EvaluateFunctionAsync(
            @"async (k) => {
                const gd = document.querySelector('.js-plotly-plot');
                const s = gd.layout.sliders[0].steps[k];
                await Plotly.relayout(gd, Object.assign({}, s.args[0], { 'sliders[0].active': k }));
            }",
            step);
    }

    internal static async Task<ChartMeasurement> Measure(IPage page)
    {
        JsonElement r = await page.EvaluateFunctionAsync<JsonElement>(MeasureScript);
        return new ChartMeasurement(
            r.GetProperty("minFont").GetDouble(),
            r.GetProperty("smallest").GetString() ?? string.Empty,
            [.. r.GetProperty("overlaps").EnumerateArray().Select(e => e.GetString()!)],
            [.. r.GetProperty("clipped").EnumerateArray().Select(e => e.GetString()!)],
            r.GetProperty("graphShare").GetDouble(),
            r.GetProperty("figureHeight").GetDouble(),
            r.GetProperty("figureWidth").GetDouble(),
            r.GetProperty("hasSlider").GetBoolean(),
            r.GetProperty("textCount").GetInt32());
    }

    private const string MeasureScript = """
        () => {
          const gd = document.querySelector('.js-plotly-plot');
          const fig = gd.querySelector('svg.main-svg').getBoundingClientRect();
          const full = gd._fullLayout;
          const plots = Object.values(full._plots).map(p => ({
            l: fig.left + p.xaxis._offset, r: fig.left + p.xaxis._offset + p.xaxis._length,
            t: fig.top + p.yaxis._offset, b: fig.top + p.yaxis._offset + p.yaxis._length }));
          const shown = el => {
            for (let e = el; e && e !== gd; e = e.parentElement) {
              const s = getComputedStyle(e);
              if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
            }
            return true;
          };
          const words = [...gd.querySelectorAll('svg text')].filter(t => t.textContent.trim() !== '' && shown(t));
          const boxes = words.map(t => { const b = t.getBoundingClientRect(); return { text: t.textContent.trim().slice(0, 50), l: b.left, r: b.right, t: b.top, b: b.bottom }; })
            .filter(b => b.r - b.l > 0 && b.b - b.t > 0);
          let minFont = 1000, smallest = '';
          for (const e of gd.querySelectorAll('svg text, svg tspan')) {
            if (e.textContent.trim() === '' || !shown(e)) continue;
            const size = parseFloat(getComputedStyle(e).fontSize);
            if (size < minFont) { minFont = size; smallest = e.textContent.trim().slice(0, 50); }
          }
          const overlaps = [];
          for (let i = 0; i < boxes.length; i++)
            for (let j = i + 1; j < boxes.length; j++) {
              const a = boxes[i], b = boxes[j];
              const w = Math.min(a.r, b.r) - Math.max(a.l, b.l), h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
              if (w > 1 && h > 1) overlaps.push(`'${a.text}' and '${b.text}'`);
            }
          const clipped = [];
          for (const b of boxes) {
            if (b.l < fig.left - 0.5 || b.r > fig.right + 0.5 || b.t < fig.top - 0.5 || b.b > fig.bottom + 0.5) { clipped.push(`'${b.text}' outside the figure`); continue; }
            const cx = (b.l + b.r) / 2, cy = (b.t + b.b) / 2;
            for (const p of plots)
              if (cx > p.l && cx < p.r && cy > p.t && cy < p.b && (b.l < p.l - 1 || b.r > p.r + 1 || b.t < p.t - 1 || b.b > p.b + 1))
                clipped.push(`'${b.text}' crosses the plot area's edge`);
          }
          // A record's text stays inside its box.
          const records = [...gd.querySelectorAll('.shapelayer path')].map(p => p.getBoundingClientRect());
          for (const b of boxes) {
            const cx = (b.l + b.r) / 2, cy = (b.t + b.b) / 2;
            const box = records.find(r => cx > r.left && cx < r.right && cy > r.top && cy < r.bottom);
            if (box && (b.l < box.left - 1 || b.r > box.right + 1 || b.t < box.top - 1 || b.b > box.bottom + 1))
              clipped.push(`'${b.text}' overflows its box`);
          }
          const graph = plots.reduce((s, p) => s + (p.b - p.t), 0);
          return { minFont, smallest, overlaps, clipped, graphShare: graph / fig.height, figureHeight: fig.height, figureWidth: fig.width,
                   hasSlider: (full.sliders || []).length > 0, textCount: boxes.length };
        }
        """;
}
