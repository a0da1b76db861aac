using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Lectures.Runner;

/// <summary>
/// A Jupyter notebook as read from disk: its cells for the kernel, and its JSON, which is copied
/// with outputs and execution counts added when the executed notebook is written, so ids,
/// metadata and everything else the editor wrote survive unchanged.
/// </summary>
internal sealed class NotebookFile
{
    private readonly JsonObject _json;

    private NotebookFile(string path, JsonObject json, IReadOnlyList<NotebookCell> cells)
    {
        Path = path;
        _json = json;
        Cells = cells;
    }

    /// <summary>The notebook's full path.</summary>
    public string Path { get; }

    /// <summary>The notebook's name without its folder.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>Every cell, markdown and code, in order.</summary>
    public IReadOnlyList<NotebookCell> Cells { get; }

    /// <summary>The notebook metadata's <c>title</c>, when it has one: the page's title before any heading.</summary>
    public string? MetadataTitle => _json["metadata"] is JsonObject metadata && metadata["title"] is JsonValue value && value.TryGetValue(out string? title) ? title : null;

    /// <summary>
    /// Reads and checks a notebook completely before anything runs, so that a file from someone
    /// else fails with one line saying what is wrong rather than part-way through a run.
    /// </summary>
    /// <exception cref="NotebookFormatException">The file is missing, is not UTF-8 JSON, or is not an nbformat 4 notebook.</exception>
    public static NotebookFile Load(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new NotebookFormatException($"{path}: no such file.");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookFormatException($"{path}: cannot be read ({FirstLine(e.Message)}).", e);
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new NotebookFormatException($"{path}: not valid UTF-8 (byte {e.Index} is not part of a UTF-8 character); a notebook is UTF-8 JSON.", e);
        }

        text = text.TrimStart('\uFEFF');
        JsonObject json;
        try
        {
            var options = new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 256 };
            json = JsonNode.Parse(text, documentOptions: options) as JsonObject ?? throw new NotebookFormatException($"{path}: the JSON is not an object, so it is not a notebook.");
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException($"{path}: malformed JSON ({FirstLine(e.Message)}).", e);
        }

        NotebookShape.Check(path, json);

        // The Documents package reads the cells as a .NET Interactive kernel sees them (kernel
        // names from the Polyglot metadata); the JSON keeps the rest for writing.
        InteractiveDocument document;
        try
        {
            document = Notebook.Parse(text, new KernelInfoCollection { new KernelInfo("csharp", "C#", []) });
        }
        catch (Exception e)
        {
            // The shape is checked above; whatever the Documents package still refuses is named in its words.
            throw new NotebookFormatException($"{path}: not a notebook .NET Interactive can read ({e.GetType().Name}: {FirstLine(e.Message)}).", e);
        }

        var cellArray = (JsonArray)json["cells"]!;
        if (document.Elements.Count != cellArray.Count)
        {
            throw new NotebookFormatException($"{path}: {cellArray.Count} cells in the file but {document.Elements.Count} understood.");
        }

        var cells = new List<NotebookCell>();
        for (int i = 0; i < cellArray.Count; i++)
        {
            string type = cellArray[i]!["cell_type"]!.GetValue<string>();
            cells.Add(new NotebookCell(i + 1, type, document.Elements[i].Contents, document.Elements[i].KernelName ?? "csharp"));
        }

        return new NotebookFile(full, json, cells);
    }

    /// <summary>
    /// The notebook as JSON with each code cell's outputs and execution count filled in, nbformat
    /// 4.5 with cell ids (missing ids are made from the cell's position).
    /// </summary>
    public string ToExecutedJson(IReadOnlyDictionary<int, CellResult> results)
    {
        var copy = (JsonObject)_json.DeepClone();
        copy["nbformat_minor"] = Math.Max(5, copy["nbformat_minor"]?.GetValue<int>() ?? 0);
        var cells = (JsonArray)copy["cells"]!;
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = (JsonObject)cells[i]!;
            cell["id"] ??= $"cell-{i + 1}";
            if (Cells[i].IsCode)
            {
                CellResult? result = results.GetValueOrDefault(i + 1);
                cell["execution_count"] = result?.ExecutionCount;
                cell["outputs"] = new JsonArray([.. (result?.Outputs ?? []).Select(o => o.ToJupyter(result!.ExecutionCount))]);
            }
        }

        return copy.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
