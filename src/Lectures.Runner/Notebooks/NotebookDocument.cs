using System.Text.Json.Nodes;

namespace Lectures.Runner.Notebooks;

/// <summary>
/// A notebook in memory: read once from its file, then handed from stage to stage (execution
/// attaches results, grading puts check cells back, the student version clears solutions and
/// outputs, rendering reads it) and written by <see cref="NotebookWriter"/>. No stage reads the
/// file again, so every stage sees the same notebook and each one stays small.
/// </summary>
internal sealed record NotebookDocument
{
    /// <summary>The notebook's full path: where it was read from, or where the stage that made it will write it.</summary>
    /// <remarks>Its folder is where the kernel runs and what <c>#r "file.dll"</c> lines are relative to.</remarks>
    public required string Path { get; init; }

    /// <summary>Every cell, markdown and code, in order, numbered from 1.</summary>
    public required IReadOnlyList<NotebookCell> Cells { get; init; }

    /// <summary>The notebook's metadata as the editor wrote it (kernelspec, Polyglot's kernel info, a title).</summary>
    public JsonObject Metadata { get; init; } = [];

    /// <summary>The nbformat minor version it was read with (written as at least 5, which has cell ids).</summary>
    public int FormatMinor { get; init; } = 5;

    /// <summary>Top-level keys the runner does not use, written back as they were read.</summary>
    public JsonObject Other { get; init; } = [];

    /// <summary>The notebook's name without its folder.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>The folder the notebook is in.</summary>
    public string Folder => System.IO.Path.GetDirectoryName(Path) ?? ".";

    /// <summary>The code cells, in order.</summary>
    public IEnumerable<NotebookCell> CodeCells => Cells.Where(c => c.IsCode);

    /// <summary>The metadata's <c>title</c>, when it has one: the page's title before any heading.</summary>
    public string? MetadataTitle => Metadata["title"] is JsonValue value && value.TryGetValue(out string? title) ? title : null;

    /// <summary>Reads and checks a notebook (see <see cref="NotebookReader.Read"/>).</summary>
    /// <exception cref="NotebookFormatException">The file is missing, unreadable or not an nbformat 4 notebook.</exception>
    public static NotebookDocument Load(string path) => NotebookReader.Read(path);

    /// <summary>The notebook with these cells, renumbered from 1 in their new order.</summary>
    public NotebookDocument WithCells(IEnumerable<NotebookCell> cells) =>
        this with { Cells = [.. cells.Select((c, i) => c.Number == i + 1 ? c : c with { Number = i + 1 })] };

    /// <summary>
    /// The notebook as it ran: each code cell with the result of its run (by cell number), and a
    /// code cell without one (not run) with no outputs and no execution count.
    /// </summary>
    public NotebookDocument WithResults(IReadOnlyDictionary<int, CellResult> results) =>
        WithCells(Cells.Select(c => !c.IsCode ? c : results.GetValueOrDefault(c.Number) is { } result
            ? c with { Outputs = result.Outputs, ExecutionCount = result.ExecutionCount, Result = result }
            : c with { Outputs = [], ExecutionCount = null, Result = null }));

    /// <summary>The notebook as a clean one is committed: no outputs, no execution counts.</summary>
    public NotebookDocument WithoutOutputs() => WithCells(Cells.Select(c => c.WithoutOutputs()));
}
