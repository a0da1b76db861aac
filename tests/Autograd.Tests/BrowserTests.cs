using Autograd.Charts;
using Plotly.NET;

namespace Autograd.Tests;

public class BrowserTests
{
    [BrowserFact]
    public void Every_chart_page_is_drawn_by_plotly_offline_in_chromium()
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(5), 100);
        (CompNode l, _) = ChartTests.ManualTraversalGraph();
        var charts = new Dictionary<string, GenericChart>
        {
            ["graph"] = AutogradCharts.ComputationGraph(l),
            ["backward"] = AutogradCharts.BackwardSteps(l),
            ["loss"] = AutogradCharts.LossCurve(xs, ys, [0.05, 0.2], steps: 30),
            ["path"] = AutogradCharts.DescentPath(xs, ys, steps: 30, gridSize: 30),
            ["difference"] = AutogradCharts.AutogradVsClosedForm(xs, ys, steps: 30),
        };
        string dir = Directory.CreateTempSubdirectory("chart-pages").FullName;
        try
        {
            foreach ((string name, GenericChart chart) in charts)
            {
                string file = Path.Combine(dir, name + ".html");
                ChartPage.Save(chart, file);

                string dom = Chromium.DumpDom(file);

                Assert.True(dom.Contains("class=\"main-svg\"", StringComparison.Ordinal), $"Plotly drew no svg.main-svg for the {name} chart.");
            }

            string sliderDom = Chromium.DumpDom(Path.Combine(dir, "backward.html"));
            Assert.Contains("slider-container", sliderDom, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
