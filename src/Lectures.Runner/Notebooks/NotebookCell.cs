namespace Lectures.Runner;

/// <summary>One cell of a notebook.</summary>
/// <param name="Number">Its position, counting from 1, as a person counts cells.</param>
/// <param name="Type"><c>code</c>, <c>markdown</c> or <c>raw</c>.</param>
/// <param name="Source">Its text.</param>
/// <param name="KernelName">The kernel a code cell is for (<c>csharp</c> in this project's notebooks).</param>
internal sealed record NotebookCell(int Number, string Type, string Source, string KernelName)
{
    public bool IsCode => Type == "code";

    /// <summary>The first non-empty line, to name the cell in a message.</summary>
    public string FirstLine => Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "(empty)";
}
