using System.Net;
using System.Text;
using Lectures.Runner.Rendering;

namespace Lectures.Runner.Site;

/// <summary>
/// A notebook's page on the course site: the runner's page (executed outputs, contents column,
/// highlighted C#) with the site's navigation, and the scripts that make its cells run in the
/// browser, all loaded from the site's own files by relative paths.
/// </summary>
internal static class SitePage
{
    /// <summary>The page of <paramref name="content"/>, the lecture at <paramref name="index"/> of <paramref name="lectures"/>.</summary>
    public static string Render(NotebookContent content, IReadOnlyList<SiteLecture> lectures, int index)
    {
        SiteLecture lecture = lectures[index];
        var body = new StringBuilder("<body>\n");
        body.Append(TableOfContents.Render(content.Headings)).Append("<main>\n");
        string navigation = Navigation(lectures, index);
        body.Append(navigation);
        if (lecture.StudentVersion is { } student)
        {
            body.Append("<p class=\"download\"><a href=\"").Append(WebUtility.HtmlEncode(student)).Append("\" download>Download the exercises (student version, .ipynb)</a>: ")
                .Append("open it in a notebook editor, or run the checks on this page (feedback only: grades come from your teacher).</p>\n");
        }

        foreach (ContentBlock block in content.Blocks)
        {
            body.Append(block.Html);
        }

        body.Append(navigation).Append("</main>\n");
        return Shell(content.Title, body.ToString(), runnable: true);
    }

    /// <summary>The site's HTML document around <paramref name="body"/>: its policy, style and scripts.</summary>
    public static string Shell(string title, string body, bool runnable)
    {
        var page = new StringBuilder(body.Length + 8192);
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(SitePolicy.Value).Append("\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        if (runnable)
        {
            page.Append("<meta name=\"lectures-runtime\" content=\"").Append(SiteFiles.Worker).Append("\">\n");
        }

        page.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n")
            .Append("<style>").Append(PageStyle.Page).Append(SiteStyle).Append("</style>\n");
        if (runnable)
        {
            page.Append("<link rel=\"stylesheet\" href=\"").Append(SiteFiles.NotebookStyle).Append("\">\n")
                .Append("<script defer src=\"").Append(SiteFiles.Plotly).Append("\"></script>\n")
                .Append("<script defer src=\"").Append(SiteFiles.PageScript).Append("\"></script>\n")
                .Append("<script defer src=\"").Append(SiteFiles.NotebookScript).Append("\"></script>\n");
        }

        return page.Append("</head>\n").Append(body).Append("</body>\n</html>\n").ToString();
    }

    private const string SiteStyle = """
        nav.site { display: flex; flex-wrap: wrap; gap: .4em 1.4em; font-size: 16px; padding: .6em 0; }
        nav.site a { text-decoration: none; }
        nav.site a:hover { text-decoration: underline; }
        p.download { background: #eff6ff; border: 1px solid #bfdbfe; border-radius: 6px; padding: .5em .9em; }
        ol.lectures { padding-left: 1.4em; }
        ol.lectures li { margin: 1em 0; }
        ol.lectures a.title { font-size: 1.2em; font-weight: 600; }
        """;

    private static string Navigation(IReadOnlyList<SiteLecture> lectures, int index)
    {
        var nav = new StringBuilder("<nav class=\"site\" aria-label=\"Lectures\"><a href=\"index.html\">Contents</a>");
        if (index > 0)
        {
            nav.Append("<a rel=\"prev\" href=\"").Append(WebUtility.HtmlEncode(lectures[index - 1].Page)).Append("\">← Previous: ")
                .Append(WebUtility.HtmlEncode(lectures[index - 1].Title)).Append("</a>");
        }

        if (index < lectures.Count - 1)
        {
            nav.Append("<a rel=\"next\" href=\"").Append(WebUtility.HtmlEncode(lectures[index + 1].Page)).Append("\">Next: ")
                .Append(WebUtility.HtmlEncode(lectures[index + 1].Title)).Append(" →</a>");
        }

        return nav.Append("</nav>\n").ToString();
    }
}
