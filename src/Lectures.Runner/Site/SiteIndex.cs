using System.Net;
using System.Text;

namespace Lectures.Runner.Site;

/// <summary>The site's front page: the lectures in reading order, each with what it teaches.</summary>
internal static class SiteIndex
{
    public const string Title = "Building an autograd engine from scratch, in C#";

    public static string Render(IReadOnlyList<SiteLecture> lectures)
    {
        var body = new StringBuilder("<body>\n<nav class=\"toc\"><h2>Lectures</h2><ul>");
        foreach (SiteLecture lecture in lectures)
        {
            body.Append("<li class=\"level1\"><a href=\"").Append(WebUtility.HtmlEncode(lecture.Page)).Append("\">").Append(WebUtility.HtmlEncode(lecture.Title)).Append("</a></li>");
        }

        body.Append("</ul></nav>\n<main>\n<h1>").Append(WebUtility.HtmlEncode(Title)).Append("</h1>\n")
            .Append("<p>Every page shows the lecture as it ran, and every code cell runs again in this browser: edit a cell, press Run ")
            .Append("(or Shift+Enter), or Run all. Nothing is installed and nothing leaves this site; the first run downloads the C# runtime once.</p>\n")
            .Append("<ol class=\"lectures\">\n");
        foreach (SiteLecture lecture in lectures)
        {
            body.Append("<li><a class=\"title\" href=\"").Append(WebUtility.HtmlEncode(lecture.Page)).Append("\">").Append(WebUtility.HtmlEncode(lecture.Title)).Append("</a>")
                .Append("<p>").Append(WebUtility.HtmlEncode(lecture.Summary)).Append("</p>");
            if (lecture.StudentVersion is { } student)
            {
                body.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(student)).Append("\" download>Download the exercises (student version, .ipynb)</a></p>");
            }

            body.Append("</li>\n");
        }

        body.Append("</ol>\n</main>\n");
        return SitePage.Shell(Title, body.ToString(), runnable: false);
    }
}
