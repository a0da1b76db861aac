using System.Net;
using System.Text;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Lectures.Runner;

/// <summary>
/// An executed notebook as one static web page: markdown rendered, code and text outputs escaped,
/// errors shown as errors, a table of contents from the headings, and Plotly charts drawn by a
/// copy of plotly.js embedded once in the page, so the page opens from disk and fetches nothing.
/// </summary>
internal static class HtmlPage
{
    private static readonly MarkdownPipeline s_markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().UseAutoIdentifiers().Build();

    public static string Render(NotebookFile notebook, IReadOnlyDictionary<int, CellResult> results, string? plotlyJs)
    {
        var toc = new List<(int Level, string Id, string Text)>();
        var body = new StringBuilder();
        int chart = 0;
        foreach (NotebookCell cell in notebook.Cells)
        {
            if (cell.Type == "markdown")
            {
                MarkdownDocument doc = Markdown.Parse(cell.Source, s_markdown);
                foreach (HeadingBlock heading in doc.Descendants<HeadingBlock>().Where(h => h.Level <= 3))
                {
                    string? id = heading.GetAttributes().Id;
                    string text = heading.Inline is null ? string.Empty : string.Concat(heading.Inline.Descendants<Markdig.Syntax.Inlines.LiteralInline>().Select(l => l.Content.ToString()));
                    if (id is not null)
                    {
                        toc.Add((heading.Level, id, text));
                    }
                }

                body.Append("<section class=\"markdown\">").Append(doc.ToHtml(s_markdown)).Append("</section>\n");
                continue;
            }

            if (!cell.IsCode)
            {
                body.Append("<pre class=\"raw\">").Append(Escape(cell.Source)).Append("</pre>\n");
                continue;
            }

            CellResult? result = results.GetValueOrDefault(cell.Number);
            string count = result is null ? " " : result.ExecutionCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
            body.Append("<section class=\"cell\"><div class=\"prompt\">[").Append(count).Append("]</div>")
                .Append("<pre class=\"code\"><code>").Append(Escape(cell.Source)).Append("</code></pre>\n");
            foreach (CellOutput output in result?.Outputs ?? [])
            {
                switch (output)
                {
                    case DisplayOutput { ChartJson: not null } display when plotlyJs is not null:
                        string id = $"chart-{++chart}";
                        body.Append("<div class=\"chart\" id=\"").Append(id).Append("\"></div><script>(function(){var f=")
                            .Append(display.ChartJson.Replace("</", "<\\/", StringComparison.Ordinal))
                            .Append(";Plotly.newPlot('").Append(id).Append("',f.data,f.layout,f.config);})();</script>\n");
                        break;
                    case DisplayOutput display:
                        body.Append(DisplayHtml(display));
                        break;
                    case StreamOutput stream:
                        body.Append("<pre class=\"output ").Append(stream.Name).Append("\">").Append(Escape(stream.Text)).Append("</pre>\n");
                        break;
                    case ErrorOutput error:
                        body.Append("<div class=\"error\"><strong>").Append(Escape(error.Name)).Append("</strong><pre>").Append(Escape(error.Message)).Append("</pre></div>\n");
                        break;
                }
            }

            if (result is null)
            {
                body.Append("<div class=\"skipped\">Not run: an earlier cell failed.</div>\n");
            }

            body.Append("</section>\n");
        }

        string title = toc.FirstOrDefault().Text is { Length: > 0 } first ? first : Path.GetFileNameWithoutExtension(notebook.Name);
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">\n<title>")
            .Append(Escape(title)).Append("</title>\n<style>").Append(Style).Append("</style>\n");
        if (chart > 0 && plotlyJs is not null)
        {
            page.Append("<script>").Append(plotlyJs.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("</script>\n");
        }

        page.Append("</head>\n<body>\n<nav class=\"toc\"><h2>Contents</h2><ul>\n");
        foreach ((int level, string id, string text) in toc)
        {
            page.Append("<li class=\"level").Append(level).Append("\"><a href=\"#").Append(WebUtility.HtmlEncode(id)).Append("\">").Append(Escape(text)).Append("</a></li>\n");
        }

        page.Append("</ul></nav>\n<main>\n").Append(body).Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>
    /// A displayed value: its HTML when that is self-contained (no script, no address to fetch),
    /// else its plain text, escaped.
    /// </summary>
    private static string DisplayHtml(DisplayOutput display)
    {
        if (display.Data.TryGetValue("text/html", out string? html)
            && !html.Contains("<script", StringComparison.OrdinalIgnoreCase)
            && !html.Contains("http://", StringComparison.OrdinalIgnoreCase)
            && !html.Contains("https://", StringComparison.OrdinalIgnoreCase)
            && !html.Contains("//cdn", StringComparison.OrdinalIgnoreCase))
        {
            return $"<div class=\"output html\">{html}</div>\n";
        }

        string text = display.Data.GetValueOrDefault("text/plain") ?? string.Join("\n", display.Data.Values);
        return $"<pre class=\"output\">{Escape(text)}</pre>\n";
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// The page may run its own inline scripts and styles and show images written into it, and may
    /// load nothing else: a page that opens offline stays offline, and the browser refuses (and
    /// logs) any attempt to fetch.
    /// </summary>
    private const string ContentSecurityPolicy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:";

    private const string Style = """
        body { margin: 0; font: 20px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; background: #fff; display: flex; }
        nav.toc { position: sticky; top: 0; align-self: flex-start; height: 100vh; overflow-y: auto; width: 17rem; flex: none; padding: 1rem; background: #f3f4f6; box-sizing: border-box; font-size: 16px; }
        nav.toc h2 { font-size: 18px; margin-top: 0; }
        nav.toc ul { list-style: none; padding: 0; margin: 0; }
        nav.toc li { margin: .25rem 0; }
        nav.toc li.level2 { padding-left: .8rem; }
        nav.toc li.level3 { padding-left: 1.6rem; }
        nav.toc a { color: #1d4ed8; text-decoration: none; }
        main { flex: 1; min-width: 0; max-width: 72rem; padding: 1rem 2rem 4rem; }
        h1, h2, h3 { line-height: 1.25; }
        section.cell { margin: 1.2rem 0; }
        .prompt { font: 14px monospace; color: #6b7280; }
        pre { font: 17px/1.45 ui-monospace, "Cascadia Code", Consolas, monospace; overflow-x: auto; padding: .7rem 1rem; border-radius: 6px; margin: .3rem 0; white-space: pre-wrap; }
        pre.code { background: #f6f8fa; border: 1px solid #d0d7de; }
        pre.output { background: #fff; border-left: 4px solid #9ca3af; }
        pre.stderr { border-left-color: #d97706; }
        div.error { background: #fef2f2; border: 2px solid #dc2626; color: #7f1d1d; border-radius: 6px; padding: .5rem 1rem; margin: .3rem 0; }
        div.error pre { padding: 0; background: none; }
        div.skipped { color: #6b7280; font-style: italic; }
        div.chart { width: 100%; min-height: 380px; }
        code { font-family: ui-monospace, "Cascadia Code", Consolas, monospace; }
        table { border-collapse: collapse; } td, th { border: 1px solid #d0d7de; padding: .2rem .5rem; }
        """;
}
