using System.Text.RegularExpressions;

namespace Lectures.Runner.Tests;

[Collection(LectureRunCollection.Name)]
public class PageBrowserTests(LectureRunFixture run)
{
    private const string Policy = "default-src 'none'";

    /// <summary>
    /// Opens every page in headless Chromium. Each page carries a Content-Security-Policy that lets
    /// it load nothing from anywhere, so a page that needed the network would show undrawn charts
    /// and a Content-Security-Policy violation in the browser's log: every chart must be drawn and the log must show none.
    /// </summary>
    [BrowserFact]
    public void Every_page_draws_every_chart_without_loading_anything()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
        foreach (string page in Directory.EnumerateFiles(run.Output, "*.html"))
        {
            string html = File.ReadAllText(page);
            int charts = Regex.Matches(html, "Plotly.newPlot\\('chart-").Count;
            Assert.Contains(Policy, html, StringComparison.Ordinal);

            (string dom, string log) = Chromium.Load(page);

            string[] chartDivs = dom.Split("id=\"chart-")[1..];
            Assert.Equal(charts, chartDivs.Length);
            Assert.All(chartDivs, d => Assert.Contains("main-svg", d.Split("</section>")[0], StringComparison.Ordinal));
            Assert.DoesNotContain("Content Security Policy", log, StringComparison.Ordinal);
        }
    }

    /// <summary>The check above would notice: under the pages' policy, a request is blocked and logged.</summary>
    [BrowserFact]
    public void A_page_that_tries_to_load_something_is_caught()
    {
        string html = File.ReadAllText(Directory.EnumerateFiles(run.Output, "*.html").First());
        string folder = Directory.CreateTempSubdirectory("fetching-page").FullName;
        string page = Path.Combine(folder, "page.html");
        File.WriteAllText(page, html.Replace("</body>", "<img src=\"https://example.invalid/x.png\"></body>", StringComparison.Ordinal));

        (_, string log) = Chromium.Load(page);

        Directory.Delete(folder, recursive: true);
        Assert.Contains("violates the following Content Security Policy", log, StringComparison.Ordinal);
    }
}
