using System.Text.Json.Nodes;

namespace Lectures.Runner.Tests;

/// <summary>Pages and decks rendered in process, from a notebook file and made-up results.</summary>
internal static class TestPages
{
    /// <summary>plotly.js as the runner embeds it (from the Plotly.NET assembly these tests load).</summary>
    public static string PlotlyJs { get; } = LoadPlotlyJs();

    public static NotebookDocument Lecture { get; } = NotebookDocument.Load(Path.Combine(Repository.Root, "notebooks", "01-lectures-07-08-autograd.ipynb"));

    /// <summary>A notebook of the given cells (markdown cells start with "md:"), written to a temporary folder.</summary>
    public static NotebookDocument Notebook(string folder, JsonObject? metadata, params string[] cells)
    {
        var array = new JsonArray();
        for (int i = 0; i < cells.Length; i++)
        {
            bool markdown = cells[i].StartsWith("md:", StringComparison.Ordinal);
            var cell = new JsonObject
            {
                ["cell_type"] = markdown ? "markdown" : "code",
                ["id"] = $"c{i}",
                ["metadata"] = markdown ? new JsonObject() : new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
                ["source"] = markdown ? cells[i][3..] : cells[i],
            };
            if (!markdown)
            {
                cell["execution_count"] = null;
                cell["outputs"] = new JsonArray();
            }

            array.Add(cell);
        }

        JsonObject meta = metadata ?? [];
        meta["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" };
        var notebook = new JsonObject { ["cells"] = array, ["metadata"] = meta, ["nbformat"] = 4, ["nbformat_minor"] = 5 };
        string path = Path.Combine(folder, $"notebook-{Guid.NewGuid():N}.ipynb");
        File.WriteAllText(path, notebook.ToJsonString());
        return NotebookDocument.Load(path);
    }

    /// <summary>The page of a notebook with these results, as the runner writes it.</summary>
    public static string Page(NotebookDocument notebook, IReadOnlyDictionary<int, CellResult> results, string? plotlyJs) =>
        HtmlPage.Render(NotebookContent.Build(notebook.WithResults(results), drawCharts: plotlyJs is not null), plotlyJs);

    /// <summary>The slide deck of a notebook with these results, as the runner writes it.</summary>
    public static string Slides(NotebookDocument notebook, IReadOnlyDictionary<int, CellResult> results, string? plotlyJs) =>
        SlideDeck.Render(NotebookContent.Build(notebook.WithResults(results), drawCharts: plotlyJs is not null), plotlyJs);

    private static string LoadPlotlyJs()
    {
        // The runner reads plotly.js from the Plotly.NET assembly a notebook loaded; these tests have their own copy.
        string assembly = typeof(Plotly.NET.GenericChart).Assembly.Location;
        return PlotlyScript.Read(assembly) ?? throw new InvalidOperationException($"{assembly} carries no plotly.js resource.");
    }
}
