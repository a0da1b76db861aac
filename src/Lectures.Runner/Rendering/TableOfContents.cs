using System.Net;
using System.Text;

namespace Lectures.Runner.Rendering;

/// <summary>
/// The page's contents: headings nested by their level (a <c>###</c> under the <c>##</c> before it,
/// whatever came in between), each heading with sub-headings collapsible with <c>&lt;details&gt;</c>,
/// which needs no script.
/// </summary>
internal static class TableOfContents
{
    public static string Render(IEnumerable<PageHeading> headings)
    {
        var html = new StringBuilder("<nav class=\"toc\" aria-label=\"Contents\"><h2>Contents</h2>\n");
        List<PageHeading> list = [.. headings];
        int index = 0;
        html.Append(List(list, ref index, 0));
        return html.Append("</nav>\n").ToString();
    }

    /// <summary>The headings from <paramref name="index"/> on that are deeper than <paramref name="parentLevel"/>.</summary>
    private static string List(List<PageHeading> headings, ref int index, int parentLevel)
    {
        var html = new StringBuilder("<ul>\n");
        while (index < headings.Count && headings[index].Level > parentLevel)
        {
            PageHeading heading = headings[index++];
            string link = $"<a href=\"#{WebUtility.HtmlEncode(heading.Id)}\">{WebUtility.HtmlEncode(heading.Text)}</a>";
            html.Append("<li class=\"level").Append(heading.Level).Append("\">");
            if (index < headings.Count && headings[index].Level > heading.Level)
            {
                html.Append("<details open><summary>").Append(link).Append("</summary>\n")
                    .Append(List(headings, ref index, heading.Level)).Append("</details>");
            }
            else
            {
                html.Append(link);
            }

            html.Append("</li>\n");
        }

        return html.Append("</ul>\n").ToString();
    }
}
