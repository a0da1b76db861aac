namespace Lectures.Runner.Rendering;

/// <summary>
/// What a notebook's page shows of its sources, already safe HTML: built from the cells' text
/// alone, so it can be made while the notebook runs (see <see cref="NotebookContent.Prepare"/>).
/// </summary>
/// <param name="Title">The notebook's title (see <see cref="NotebookTitle"/>).</param>
/// <param name="Code">Each code cell's highlighted source, by cell number.</param>
/// <param name="Blocks">Each markdown or raw cell's pieces, by cell number.</param>
internal sealed record SourceHtml(string Title, IReadOnlyDictionary<int, string> Code, IReadOnlyDictionary<int, IReadOnlyList<ContentBlock>> Blocks);
