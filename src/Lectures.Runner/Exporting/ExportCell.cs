namespace Lectures.Runner.Exporting;

/// <summary>One notebook cell as the exporter needs it: its number (to name it in messages and comments), type and text.</summary>
/// <param name="Number">Its position, counting from 1, as a person counts cells.</param>
/// <param name="Type"><c>code</c>, <c>markdown</c> or <c>raw</c>.</param>
/// <param name="Source">Its text.</param>
internal sealed record ExportCell(int Number, string Type, string Source)
{
    public bool IsCode => Type == "code";
}
