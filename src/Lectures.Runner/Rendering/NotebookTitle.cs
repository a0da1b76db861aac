using Lectures.Runner.Notebooks;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Lectures.Runner.Rendering;

/// <summary>
/// The title of a notebook's page and slide deck: what the notebook calls itself, not whatever
/// heading comes first. In order: the notebook metadata's <c>title</c>; the first level-1 heading
/// whose cell is not just a list of links (a "useful links" cell often comes before the title);
/// the first level-1 heading; the first heading; the file name.
/// </summary>
internal static class NotebookTitle
{
    public static string Choose(NotebookDocument notebook, IReadOnlyList<(NotebookCell Cell, MarkdownDocument Document)> markdown, IReadOnlyList<PageHeading> headings)
    {
        if (notebook.MetadataTitle is { } title && !string.IsNullOrWhiteSpace(title))
        {
            return title.Trim();
        }

        var linkListCells = markdown.Where(m => IsLinkList(m.Document)).Select(m => m.Cell.Number).ToHashSet();
        PageHeading? chosen = headings.FirstOrDefault(h => h.Level == 1 && !linkListCells.Contains(h.CellNumber) && h.Text.Length > 0)
            ?? headings.FirstOrDefault(h => h.Level == 1 && h.Text.Length > 0)
            ?? headings.FirstOrDefault(h => h.Text.Length > 0);
        return chosen?.Text ?? Path.GetFileNameWithoutExtension(notebook.Name);
    }

    /// <summary>A cell with headings and lists only, every list item holding a link.</summary>
    private static bool IsLinkList(MarkdownDocument document)
    {
        List<ListBlock> lists = [.. document.OfType<ListBlock>()];
        return lists.Count > 0
            && document.All(b => b is HeadingBlock or ListBlock or LinkReferenceDefinitionGroup)
            && lists.SelectMany(l => l.OfType<ListItemBlock>()).All(item => item.Descendants<LinkInline>().Any() || item.Descendants<AutolinkInline>().Any());
    }
}
