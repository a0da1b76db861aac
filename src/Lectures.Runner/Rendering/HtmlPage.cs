using System.Text;

namespace Lectures.Runner.Rendering;

/// <summary>
/// An executed notebook as one static web page: markdown rendered, C# highlighted, outputs as the
/// notebook showed them, contents nested by heading level, and Plotly charts drawn by a copy of
/// plotly.js embedded once in the page, so the page opens from disk and fetches nothing. Whatever
/// came from the notebook is sanitised and the page runs only its own scripts (see
/// <see cref="NotebookHtmlSanitizer"/> and <see cref="ContentSecurityPolicy"/>).
/// </summary>
internal static class HtmlPage
{
    /// <summary>The page of content already built (the slide deck is made from the same content, built once).</summary>
    public static string Render(NotebookContent content, string? plotlyJs)
    {
        var body = new StringBuilder("<body>\n");
        body.Append(TableOfContents.Render(content.Headings)).Append("<main>\n");
        foreach (ContentBlock block in content.Blocks)
        {
            body.Append(block.Html);
        }

        body.Append("</main>\n");
        List<string> scripts = content.Charts > 0 && plotlyJs is not null ? [plotlyJs, PageScripts.Page] : [];
        return PageShell.Write(content.Title, PageStyle.Page, body.ToString(), scripts);
    }
}
