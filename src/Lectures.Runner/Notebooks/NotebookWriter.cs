using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lectures.Runner.Notebooks;

/// <summary>
/// Writes a <see cref="NotebookDocument"/> in the one layout this repository's notebooks are
/// committed in, which is Jupyter's: nbformat 4.5 with cell ids, keys in alphabetical order,
/// sources as lists of lines, indented by one space, non-ASCII text as it is. An executed copy, a
/// student version and a graded submission therefore differ from their source only where a stage
/// changed them.
/// </summary>
internal static class NotebookWriter
{
    private static readonly JsonSerializerOptions s_write = new() { WriteIndented = true, IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The notebook's JSON text, ending with a newline.</summary>
    public static string Write(NotebookDocument notebook)
    {
        var cells = new JsonArray();
        foreach (NotebookCell cell in notebook.Cells)
        {
            var json = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal)
            {
                ["cell_type"] = cell.Type,
                ["id"] = cell.Id ?? $"cell-{cell.Number}",
                ["metadata"] = cell.Metadata.DeepClone(),
                ["source"] = Lines(cell.Source),
            };
            if (cell.IsCode)
            {
                json["execution_count"] = cell.ExecutionCount;
                json["outputs"] = new JsonArray([.. cell.Outputs.Select(o => Sorted(o.ToJupyter(cell.ExecutionCount ?? 0)))]);
            }

            foreach ((string key, JsonNode? value) in cell.Other)
            {
                json.TryAdd(key, value?.DeepClone());
            }

            cells.Add(new JsonObject(json));
        }

        var root = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["cells"] = cells,
            ["metadata"] = notebook.Metadata.DeepClone(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = Math.Max(5, notebook.FormatMinor),
        };
        foreach ((string key, JsonNode? value) in notebook.Other)
        {
            root.TryAdd(key, value?.DeepClone());
        }

        return new JsonObject(root).ToJsonString(s_write) + "\n";
    }

    /// <summary>The object with its keys in alphabetical order, as Jupyter writes them.</summary>
    private static JsonObject Sorted(JsonObject json)
    {
        var sorted = new JsonObject();
        foreach (string key in json.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray())
        {
            JsonNode? value = json[key];
            json.Remove(key);
            sorted[key] = value;
        }

        return sorted;
    }

    /// <summary>A text as nbformat's list of lines, each but the last ending with its newline.</summary>
    public static JsonArray Lines(string text)
    {
        var lines = new JsonArray();
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }

        return lines;
    }
}
