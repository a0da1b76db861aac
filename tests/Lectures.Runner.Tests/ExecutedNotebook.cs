using System.Text.Json;

namespace Lectures.Runner.Tests;

/// <summary>Reads what the runner wrote into an executed notebook: cells, outputs, printed text.</summary>
internal static class ExecutedNotebook
{
    /// <summary>The code cells of the executed notebook at <paramref name="path"/>, in order.</summary>
    public static JsonElement[] CodeCells(string path) =>
        [.. JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")];

    /// <summary>The outputs of one code cell (counting code cells from 1).</summary>
    public static JsonElement[] Outputs(string path, int codeCell) => [.. CodeCells(path)[codeCell - 1].GetProperty("outputs").EnumerateArray()];

    /// <summary>The text of the stream outputs named <paramref name="stream"/> of one code cell.</summary>
    public static string Stream(string path, int codeCell, string stream = "stdout") => Stream(CodeCells(path)[codeCell - 1], stream);

    /// <summary>Every non-empty stdout line of the notebook, in order.</summary>
    public static string[] StdoutLines(string path) => [.. CodeCells(path).SelectMany(StdoutLines)];

    /// <summary>Every non-empty stdout line of one cell, in order.</summary>
    public static string[] StdoutLines(JsonElement cell) => Stream(cell, "stdout").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A cell's source, which nbformat allows as one string or as a list of lines.</summary>
    public static string Source(JsonElement cell) => cell.GetProperty("source") is { ValueKind: JsonValueKind.Array } lines
        ? string.Concat(lines.EnumerateArray().Select(l => l.GetString()))
        : cell.GetProperty("source").GetString()!;

    private static string Stream(JsonElement cell, string stream) =>
        string.Concat(cell.GetProperty("outputs").EnumerateArray()
            .Where(o => o.GetProperty("output_type").GetString() == "stream" && o.GetProperty("name").GetString() == stream)
            .Select(o => o.GetProperty("text").GetString()));
}
