using System.Text.Json.Nodes;

namespace Lectures.Runner.Notebooks;

/// <summary>One cell of a <see cref="NotebookDocument"/>: what nbformat keeps of it, and what running it gave.</summary>
internal sealed record NotebookCell
{
    /// <summary>Its position, counting from 1, as a person counts cells.</summary>
    public required int Number { get; init; }

    /// <summary>Its nbformat 4.5 id, which grading matches submissions by; null when the file had none.</summary>
    public string? Id { get; init; }

    /// <summary><c>code</c>, <c>markdown</c> or <c>raw</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Its text.</summary>
    public required string Source { get; init; }

    /// <summary>The kernel a code cell is for (<c>csharp</c> in this project's notebooks), as .NET Interactive reads it.</summary>
    public string KernelName { get; init; } = "csharp";

    /// <summary>Its metadata as the editor wrote it.</summary>
    public JsonObject Metadata { get; init; } = [];

    /// <summary>Keys the runner does not use (a markdown cell's attachments), written back as they were read.</summary>
    public JsonObject Other { get; init; } = [];

    /// <summary>A code cell's outputs: as read, or as its run produced them.</summary>
    public IReadOnlyList<CellOutput> Outputs { get; init; } = [];

    /// <summary>A code cell's execution count; null when it has not run.</summary>
    public int? ExecutionCount { get; init; }

    /// <summary>What this run of the notebook gave the cell; null when it did not run in this run.</summary>
    public CellResult? Result { get; init; }

    public bool IsCode => Type == "code";

    /// <summary>The first non-empty line, to name the cell in a message.</summary>
    public string FirstLine => Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "(empty)";

    /// <summary>The cell as a clean notebook has it: a code cell without outputs or execution count.</summary>
    public NotebookCell WithoutOutputs() => IsCode ? this with { Outputs = [], ExecutionCount = null, Result = null } : this;
}
