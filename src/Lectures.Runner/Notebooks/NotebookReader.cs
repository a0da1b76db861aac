using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Lectures.Runner.Notebooks;

/// <summary>
/// Reads a Jupyter notebook file into a <see cref="NotebookDocument"/>, checking all of it before
/// anything runs, so that a file from someone else fails with one line saying what is wrong rather
/// than part-way through a run.
/// </summary>
internal static class NotebookReader
{
    private static readonly KernelInfoCollection s_kernels = [new KernelInfo("csharp", "C#", [])];

    /// <exception cref="NotebookFormatException">The file is missing, is not UTF-8 JSON, or is not an nbformat 4 notebook.</exception>
    public static NotebookDocument Read(string path)
    {
        string full = Path.GetFullPath(path);
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

        return Parse(path, full, bytes);
    }

    private static NotebookDocument Parse(string path, string full, byte[] bytes)
    {
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
        // names from the Polyglot metadata); the JSON gives the rest.
        InteractiveDocument kernelView;
        try
        {
            kernelView = Notebook.Parse(text, s_kernels);
        }
        catch (Exception e)
        {
            // The shape is checked above; whatever the Documents package still refuses is named in its words.
            throw new NotebookFormatException($"{path}: not a notebook .NET Interactive can read ({e.GetType().Name}: {FirstLine(e.Message)}).", e);
        }

        var cellArray = (JsonArray)Detach(json, "cells")!;
        if (kernelView.Elements.Count != cellArray.Count)
        {
            throw new NotebookFormatException($"{path}: {cellArray.Count} cells in the file but {kernelView.Elements.Count} understood.");
        }

        var cells = new List<NotebookCell>(cellArray.Count);
        for (int i = 0; i < cellArray.Count; i++)
        {
            var cell = (JsonObject)cellArray[i]!;
            string type = Detach(cell, "cell_type")!.GetValue<string>();
            string? id = Detach(cell, "id")?.GetValue<string>();
            var metadata = Detach(cell, "metadata") as JsonObject ?? [];
            var outputs = Detach(cell, "outputs") as JsonArray;
            int? count = Detach(cell, "execution_count")?.GetValue<int>();
            Detach(cell, "source");
            cells.Add(new NotebookCell
            {
                Number = i + 1,
                Id = id,
                Type = type,
                Source = kernelView.Elements[i].Contents,
                KernelName = kernelView.Elements[i].KernelName ?? "csharp",
                Metadata = metadata,
                Outputs = outputs is null ? [] : [.. outputs.OfType<JsonObject>().ToArray().Select(o => new RawOutput(Detached(o)))],
                ExecutionCount = type == "code" ? count : null,
                Other = Rest(cell),
            });
        }

        Detach(json, "nbformat");
        int minor = Detach(json, "nbformat_minor")?.GetValue<int>() ?? 0;
        return new NotebookDocument
        {
            Path = full,
            Cells = cells,
            Metadata = Detach(json, "metadata") as JsonObject ?? [],
            FormatMinor = minor,
            Other = Rest(json),
        };
    }

    /// <summary>Takes a property out of its object, so the node can live in a document of its own.</summary>
    private static JsonNode? Detach(JsonObject parent, string key)
    {
        if (!parent.TryGetPropertyValue(key, out JsonNode? node))
        {
            return null;
        }

        parent.Remove(key);
        return node;
    }

    private static JsonObject Detached(JsonObject node)
    {
        if (node.Parent is JsonArray array)
        {
            array.Remove(node);
        }

        return node;
    }

    /// <summary>The properties left in <paramref name="json"/>, moved into an object of their own.</summary>
    private static JsonObject Rest(JsonObject json)
    {
        var rest = new JsonObject();
        foreach (string key in json.Select(p => p.Key).ToArray())
        {
            rest[key] = Detach(json, key);
        }

        return rest;
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
