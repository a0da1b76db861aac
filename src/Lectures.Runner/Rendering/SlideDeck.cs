using System.Globalization;
using System.Net;
using System.Text;

namespace Lectures.Runner.Rendering;

/// <summary>
/// An executed notebook as slides for teaching from it: a slide for each section that starts at a
/// <c>#</c>, <c>##</c> or <c>###</c> heading, with that section's cells and outputs; what comes before
/// the first heading is a slide of its own. A section taller than the screen scrolls within its
/// slide (Space and Page Down scroll it before moving on), so no cell is cut in two. One file,
/// offline, under the pages' policy; its one small script moves between slides and draws a slide's
/// charts when it is first shown.
/// </summary>
internal static class SlideDeck
{
    /// <summary>The deck of content already built (the page is made from the same content, built once).</summary>
    public static string Render(NotebookContent content, string? plotlyJs)
    {
        var slides = new List<List<ContentBlock>>();
        foreach (ContentBlock block in content.Blocks)
        {
            if (slides.Count == 0 || block.Heading is not null)
            {
                slides.Add([]);
            }

            slides[^1].Add(block);
        }

        var body = new StringBuilder("<body>\n");
        body.Append("<footer class=\"deck\"><span class=\"deck-title\">").Append(WebUtility.HtmlEncode(content.Title))
            .Append("</span><span class=\"controls\"><span class=\"more\" hidden>more below: Space</span><button type=\"button\" class=\"previous\" aria-label=\"Previous slide\">&#8592;</button>")
            .Append("<span class=\"slide-number\" aria-live=\"polite\"></span>")
            .Append("<button type=\"button\" class=\"next\" aria-label=\"Next slide\">&#8594;</button></span></footer>\n")
            .Append("<main class=\"deck\">\n");
        for (int i = 0; i < slides.Count; i++)
        {
            bool title = slides[i] is [{ Heading.Level: 1 }];
            body.Append("<section class=\"slide").Append(title ? " title" : string.Empty).Append("\" id=\"slide-")
                .Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append('"').Append(i == 0 ? string.Empty : " hidden").Append("><div class=\"inner\">\n");
            foreach (ContentBlock block in slides[i])
            {
                body.Append(block.Html);
            }

            body.Append("</div></section>\n");
        }

        body.Append("</main>\n");
        List<string> scripts = content.Charts > 0 && plotlyJs is not null ? [plotlyJs, PageScripts.Slides] : [PageScripts.Slides];
        return PageShell.Write(content.Title, PageStyle.Slides, body.ToString(), scripts);
    }
}
