using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lectures.Runner.Rendering;

/// <summary>
/// A Plotly figure as a page draws it: the figure's own data and layout, but following the width of
/// its column (no fixed width, <c>autosize</c>, plotly.js's <c>responsive</c> config), so a chart
/// fits the window after a resize and on a projector; its height is the figure's own.
/// </summary>
internal static class PageFigure
{
    /// <summary>The figure's JSON for the page, or null (with the reason) when it is not a figure.</summary>
    public static string? Prepare(string chartJson, out string? problem)
    {
        problem = null;
        JsonObject figure;
        try
        {
            figure = JsonNode.Parse(chartJson) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException e)
        {
            problem = $"the chart's figure is not valid JSON ({e.Message})";
            return null;
        }

        if (figure["data"] is not JsonArray)
        {
            problem = "the chart's figure has no \"data\" list";
            return null;
        }

        JsonObject layout = figure["layout"] as JsonObject ?? [];
        layout.Remove("width");
        layout["autosize"] = true;
        figure["layout"] = layout;
        JsonObject config = figure["config"] as JsonObject ?? [];
        config["responsive"] = true;
        config["displaylogo"] = false;
        figure["config"] = config;
        return ScriptJson.Serialize(figure);
    }
}
