using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lectures.Runner;

/// <summary>
/// Reads and writes a notebook's JSON as it is on disk, so that what grading changes (a cell's
/// source, its outputs) is the only difference and ids, metadata and everything else the editor
/// wrote survive.
/// </summary>
internal static class NotebookJson
{
    private static readonly JsonSerializerOptions s_write = new() { WriteIndented = true, IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The notebook's JSON; call after <see cref="NotebookFile.Load"/> has accepted the file.</summary>
    public static JsonObject Read(NotebookFile notebook) =>
        JsonNode.Parse(File.ReadAllText(notebook.Path)) as JsonObject ?? throw new NotebookFormatException($"{notebook.Name}: the JSON is not an object.");

    /// <summary>The cells, in order.</summary>
    public static JsonArray Cells(JsonObject notebook) => (JsonArray)notebook["cells"]!;

    /// <summary>A cell's source, which nbformat allows as one string or as a list of lines.</summary>
    public static string Source(JsonObject cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? string.Empty)),
        JsonValue text => text.GetValue<string>(),
        _ => string.Empty,
    };

    /// <summary>Replaces a cell's source, in the same shape (string or list of lines) as before.</summary>
    public static void SetSource(JsonObject cell, string source)
    {
        if (cell["source"] is JsonArray)
        {
            var lines = new JsonArray();
            int start = 0;
            while (start < source.Length)
            {
                int end = source.IndexOf('\n', start);
                end = end < 0 ? source.Length : end + 1;
                lines.Add(source[start..end]);
                start = end;
            }

            cell["source"] = lines;
        }
        else
        {
            cell["source"] = source;
        }
    }

    /// <summary>The cell's nbformat 4.5 id, or null when it has none.</summary>
    public static string? Id(JsonObject cell) => cell["id"] is JsonValue id && id.TryGetValue(out string? text) ? text : null;

    public static bool IsCode(JsonObject cell) => cell["cell_type"] is JsonValue type && type.TryGetValue(out string? text) && text == "code";

    /// <summary>Removes a code cell's outputs and execution count, as a clean notebook has them.</summary>
    public static void ClearOutputs(JsonObject cell)
    {
        if (IsCode(cell))
        {
            cell["outputs"] = new JsonArray();
            cell["execution_count"] = null;
        }
    }

    /// <summary>The notebook as text, indented by one space as Jupyter and VS Code write it.</summary>
    public static string Write(JsonObject notebook) => notebook.ToJsonString(s_write) + "\n";
}
