using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lectures.Runner.Notebooks;

/// <summary>
/// The parts of nbformat 4 the runner reads or writes back, checked for their JSON types, so that
/// a notebook that is valid JSON but not quite a notebook is refused with the place that is wrong
/// (<c>cell 3: "cell_type" is a number, not a string</c>) instead of failing after it ran.
/// </summary>
internal static class NotebookShape
{
    private static readonly string[] s_cellTypes = ["code", "markdown", "raw"];

    /// <exception cref="NotebookFormatException">The first thing found wrong.</exception>
    public static void Check(string path, JsonObject json)
    {
        if (json["nbformat"] is not JsonValue format || format.GetValueKind() != JsonValueKind.Number || !format.TryGetValue(out int major) || major != 4
            || !format.ToJsonString().All(char.IsAsciiDigit))
        {
            string found = json["nbformat"] is null ? "missing" : json["nbformat"]!.ToJsonString();
            throw new NotebookFormatException($"{path}: not a Jupyter notebook of format 4 (\"nbformat\" must be the integer 4; it is {found}).");
        }

        if (json.ContainsKey("nbformat_minor"))
        {
            if (json["nbformat_minor"] is not JsonValue minor || minor.GetValueKind() != JsonValueKind.Number || !minor.TryGetValue(out int value) || value < 0
                || !minor.ToJsonString().All(char.IsAsciiDigit))
            {
                throw new NotebookFormatException($"{path}: \"nbformat_minor\" must be a whole number of 0 or more; it is {Describe(json["nbformat_minor"])}.");
            }
        }

        Expect(path, "the notebook", json, "metadata", JsonValueKind.Object, required: false);
        if (json["metadata"] is JsonObject metadata)
        {
            Expect(path, "the notebook's metadata", metadata, "kernelspec", JsonValueKind.Object, required: false);
            Expect(path, "the notebook's metadata", metadata, "language_info", JsonValueKind.Object, required: false);
            Expect(path, "the notebook's metadata", metadata, "polyglot_notebook", JsonValueKind.Object, required: false);
        }

        if (json["cells"] is not JsonArray cells)
        {
            throw new NotebookFormatException($"{path}: not a Jupyter notebook (a \"cells\" list is expected; it is {(json.ContainsKey("cells") ? Describe(json["cells"]) : "missing")}).");
        }

        for (int i = 0; i < cells.Count; i++)
        {
            string where = $"cell {i + 1}";
            if (cells[i] is not JsonObject cell)
            {
                throw new NotebookFormatException($"{path}: {where} is {Describe(cells[i])}, not an object.");
            }

            Expect(path, where, cell, "cell_type", JsonValueKind.String, required: true);
            string type = cell["cell_type"]!.GetValue<string>();
            if (!s_cellTypes.Contains(type, StringComparer.Ordinal))
            {
                throw new NotebookFormatException($"{path}: {where} has the unknown cell_type \"{type}\" (code, markdown or raw are expected).");
            }

            CheckSource(path, where, cell);
            Expect(path, where, cell, "id", JsonValueKind.String, required: false);
            Expect(path, where, cell, "metadata", JsonValueKind.Object, required: false);
            Expect(path, where, cell, "attachments", JsonValueKind.Object, required: false);
            if (cell["metadata"] is JsonObject cellMetadata)
            {
                Expect(path, $"{where}'s metadata", cellMetadata, "polyglot_notebook", JsonValueKind.Object, required: false);
                Expect(path, $"{where}'s metadata", cellMetadata, "dotnet_interactive", JsonValueKind.Object, required: false);
                foreach (string key in (string[])["polyglot_notebook", "dotnet_interactive"])
                {
                    if (cellMetadata[key] is JsonObject kernel)
                    {
                        Expect(path, $"{where}'s {key} metadata", kernel, key == "polyglot_notebook" ? "kernelName" : "language", JsonValueKind.String, required: false);
                    }
                }
            }

            if (type == "code")
            {
                Expect(path, where, cell, "outputs", JsonValueKind.Array, required: false);
                if (cell["execution_count"] is JsonNode count
                    && (count.GetValueKind() != JsonValueKind.Number || !count.AsValue().TryGetValue(out int _)))
                {
                    throw new NotebookFormatException($"{path}: {where}'s \"execution_count\" must be null or a whole number; it is {Describe(count)}.");
                }
            }
        }
    }

    private static void CheckSource(string path, string where, JsonObject cell)
    {
        JsonNode? source = cell["source"];
        bool ok = source switch
        {
            JsonValue value => value.GetValueKind() == JsonValueKind.String,
            JsonArray lines => lines.All(l => l?.GetValueKind() == JsonValueKind.String),
            _ => false,
        };
        if (!ok)
        {
            throw new NotebookFormatException($"{path}: {where}'s \"source\" must be a string or a list of strings; it is {Describe(source)}.");
        }
    }

    private static void Expect(string path, string where, JsonObject parent, string key, JsonValueKind kind, bool required)
    {
        if (!parent.TryGetPropertyValue(key, out JsonNode? node))
        {
            if (required)
            {
                throw new NotebookFormatException($"{path}: {where} has no \"{key}\".");
            }

            return;
        }

        if (node is null || node.GetValueKind() != kind)
        {
            throw new NotebookFormatException($"{path}: {where}'s \"{key}\" must be {Article(kind)}; it is {Describe(node)}.");
        }
    }

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        _ => "a number",
    };

    private static string Describe(JsonNode? node) => node is null ? "null" : node.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the string {Clip(node.ToJsonString())}",
        JsonValueKind.Number => $"the number {Clip(node.ToJsonString())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {node.ToJsonString()}",
        _ => node.ToJsonString(),
    };

    private static string Clip(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
