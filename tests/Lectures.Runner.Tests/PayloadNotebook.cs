namespace Lectures.Runner.Tests;

/// <summary>
/// <c>TestData/payloads.ipynb</c>: markdown and outputs full of things that would run script, fetch,
/// navigate or submit if a page let them, each leaving a mark (the title or a <c>data-pwned</c>
/// attribute set, a console message with PWNED, an address with "pwned") if it ran.
/// </summary>
internal static class PayloadNotebook
{
    public static string Path { get; } = System.IO.Path.Combine(Repository.Root, "tests", "Lectures.Runner.Tests", "TestData", "payloads.ipynb");

    public const string Title = "Payloads a page must not run";

    /// <summary>A chart title that would end the figure's script or comment out the rest of the page if written raw.</summary>
    public const string ChartTitle = "Fabricated </script><script>document.title = 'PWNED fabricated close'</script> and <!--<script> and \u2028 \u2029 & done";

    /// <summary>A trace name with the same intent.</summary>
    public const string TraceName = "<!--<script>document.title = 'PWNED trace'</script>";

    /// <summary>
    /// What running the notebook's code cells would give, made up so the page can be rendered in
    /// process in milliseconds: the cell's HTML payload displayed, printed text that looks like
    /// HTML, and two charts carrying payloads in their figure (one with a fixed width).
    /// </summary>
    public static Dictionary<int, CellResult> FabricatedResults(NotebookDocument notebook)
    {
        NotebookCell htmlCell = notebook.Cells.Single(c => c.IsCode && c.Source.Contains("display(HTML(", StringComparison.Ordinal));
        string source = htmlCell.Source;
        int start = source.IndexOf("\"\"\"\n", StringComparison.Ordinal) + 4;
        int end = source.LastIndexOf("\n\"\"\"", StringComparison.Ordinal);
        string html = source[start..end];

        var results = new Dictionary<int, CellResult>();
        int count = 0;
        foreach (NotebookCell cell in notebook.Cells.Where(c => c.IsCode))
        {
            List<CellOutput> outputs = [];
            if (cell == htmlCell)
            {
                outputs.Add(new DisplayOutput(new Dictionary<string, string> { ["text/html"] = html, ["text/plain"] = "HtmlString" }, false, null));
                outputs.Add(new StreamOutput("stdout", "<script>document.title = 'PWNED stdout'</script> printed\n"));
                outputs.Add(new StreamOutput("stdout", "a second print</pre><script>document.title = 'PWNED pre close'</script>\n"));
                outputs.Add(new StreamOutput("stderr", "a warning <img src=x onerror=\"document.title='PWNED stderr'\">\n"));
            }
            else if (cell.Source.Contains("ComputationGraph", StringComparison.Ordinal))
            {
                outputs.Add(Chart(ChartTitle, TraceName, width: null));
                outputs.Add(Chart("A chart with a fixed width", "points", width: 1400));
            }

            results[cell.Number] = new CellResult(++count, outputs, null, TimeSpan.FromMilliseconds(1));
        }

        return results;
    }

    private static DisplayOutput Chart(string title, string traceName, int? width)
    {
        var figure = new System.Text.Json.Nodes.JsonObject
        {
            ["data"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "lines+markers",
                ["name"] = traceName,
                ["x"] = new System.Text.Json.Nodes.JsonArray(1, 2, 3),
                ["y"] = new System.Text.Json.Nodes.JsonArray(3, 1, 2),
                ["text"] = new System.Text.Json.Nodes.JsonArray("</script>", "<!--", "\u2028"),
            }),
            ["layout"] = new System.Text.Json.Nodes.JsonObject
            {
                ["title"] = new System.Text.Json.Nodes.JsonObject { ["text"] = title },
                ["height"] = 420,
                ["showlegend"] = true,
            },
        };
        if (width is not null)
        {
            figure["layout"]!["width"] = width;
        }

        // What Plotly.NET.Interactive shows for a chart: a script that loads plotly.js from a CDN.
        string html = "<div id=\"x\"></div><script src=\"https://cdn.plot.ly/plotly-2.28.0.min.js\"></script><script>Plotly.newPlot('x', [])</script>";
        return new DisplayOutput(new Dictionary<string, string> { ["text/html"] = html, ["text/plain"] = "GenericChart" }, true, figure.ToJsonString());
    }
}
