using System.Text.Json.Nodes;

namespace Lectures.Runner.Notebooks;

/// <summary>One output of an executed cell, as the notebook and the HTML page show it.</summary>
internal abstract record CellOutput
{
    /// <summary>The output in nbformat 4's JSON.</summary>
    public abstract JsonObject ToJupyter(int executionCount);
}

/// <summary>A displayed value or the cell's return value, in one or more MIME types.</summary>
/// <param name="Data">The formatted value by MIME type (<c>text/plain</c>, <c>text/html</c>, ...).</param>
/// <param name="IsReturnValue">True for the value of the cell's last expression.</param>
/// <param name="ChartJson">For a Plotly.NET chart, its plotly.js figure (data, layout, config), so a page can draw it offline.</param>
internal sealed record DisplayOutput(IReadOnlyDictionary<string, string> Data, bool IsReturnValue, string? ChartJson) : CellOutput
{
    /// <summary>The MIME type under which Jupyter front ends expect a plotly.js figure.</summary>
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    public override JsonObject ToJupyter(int executionCount)
    {
        var data = new JsonObject();
        foreach ((string mime, string value) in Data)
        {
            data[mime] = value;
        }

        // Jupyter and VS Code draw this MIME type with their own plotly.js, offline; the HTML
        // that Plotly.NET.Interactive writes needs a CDN.
        if (ChartJson is not null && JsonNode.Parse(ChartJson) is JsonObject figure)
        {
            data[PlotlyMimeType] = figure;
        }

        var output = new JsonObject
        {
            ["output_type"] = IsReturnValue ? "execute_result" : "display_data",
            ["data"] = data,
            ["metadata"] = new JsonObject(),
        };
        if (IsReturnValue)
        {
            output["execution_count"] = executionCount;
        }

        return output;
    }
}

/// <summary>Text written to standard output or standard error.</summary>
internal sealed record StreamOutput(string Name, string Text) : CellOutput
{
    public override JsonObject ToJupyter(int executionCount) => new()
    {
        ["output_type"] = "stream",
        ["name"] = Name,
        ["text"] = Text,
    };
}

/// <summary>The error that stopped a cell.</summary>
internal sealed record ErrorOutput(string Name, string Message) : CellOutput
{
    public override JsonObject ToJupyter(int executionCount) => new()
    {
        ["output_type"] = "error",
        ["ename"] = Name,
        ["evalue"] = Message,
        ["traceback"] = new JsonArray(Message.Split('\n').Select(l => (JsonNode?)l).ToArray()),
    };
}

/// <summary>An output as the notebook file had it, kept as it was read and written back unchanged.</summary>
/// <param name="Json">The output's nbformat JSON.</param>
internal sealed record RawOutput(JsonObject Json) : CellOutput
{
    public override JsonObject ToJupyter(int executionCount) => (JsonObject)Json.DeepClone();
}
