using System.Globalization;
using System.Net;
using System.Text;
using Lectures.Runner.Notebooks;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Lectures.Runner.Rendering;

/// <summary>
/// An executed notebook turned into safe HTML pieces, shared by the page and the slide deck: markdown
/// rendered and sanitised, C# highlighted, each cell's consecutive text outputs in one block,
/// displayed HTML sanitised, charts as figure JSON for the page's one script to draw.
/// </summary>
internal sealed class NotebookContent
{
    private static readonly MarkdownPipeline s_markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().UseAutoIdentifiers().Build();

    private NotebookContent(string title, IReadOnlyList<ContentBlock> blocks, int charts)
    {
        Title = title;
        Blocks = blocks;
        Charts = charts;
    }

    /// <summary>The notebook's own title (see <see cref="NotebookTitle"/>).</summary>
    public string Title { get; }

    /// <summary>The notebook's cells as HTML, in order.</summary>
    public IReadOnlyList<ContentBlock> Blocks { get; }

    /// <summary>Every heading of the markdown cells, in order.</summary>
    public IEnumerable<PageHeading> Headings => Blocks.Select(b => b.Heading).OfType<PageHeading>();

    /// <summary>How many charts the pieces carry for plotly.js to draw.</summary>
    public int Charts { get; }

    /// <summary>
    /// Renders the notebook once; the caller hands the result to the page and to the slide deck,
    /// so that the C# is highlighted and the HTML sanitised once per notebook.
    /// </summary>
    /// <param name="notebook">The notebook, with the results of its run attached to its code cells (a cell without one did not run).</param>
    /// <param name="drawCharts">Whether plotly.js is available to draw charts (else their text is shown).</param>
    public static NotebookContent Build(NotebookDocument notebook, bool drawCharts)
    {
        var blocks = new List<ContentBlock>();
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        var markdownDocuments = new List<(NotebookCell Cell, MarkdownDocument Document)>();
        List<NotebookCell> codeCells = [.. notebook.CodeCells];
        IReadOnlyList<string> highlighted = CSharpHighlighter.Highlight(
            [.. codeCells.Select(c => c.KernelName == "csharp" ? c.Source : string.Empty)],
            notebook.Folder);
        var highlightedByCell = new Dictionary<int, string>();
        for (int i = 0; i < codeCells.Count; i++)
        {
            highlightedByCell[codeCells[i].Number] = codeCells[i].KernelName == "csharp" ? highlighted[i] : WebUtility.HtmlEncode(codeCells[i].Source);
        }

        int charts = 0;
        foreach (NotebookCell cell in notebook.Cells)
        {
            if (cell.Type == "markdown")
            {
                MarkdownDocument document = Markdown.Parse(cell.Source, s_markdown);
                markdownDocuments.Add((cell, document));
                blocks.AddRange(MarkdownBlocks(cell, document, usedIds));
            }
            else if (cell.IsCode)
            {
                blocks.Add(new ContentBlock(CodeCell(cell, highlightedByCell[cell.Number], drawCharts, ref charts), null));
            }
            else
            {
                blocks.Add(new ContentBlock($"<pre class=\"raw\">{WebUtility.HtmlEncode(cell.Source)}</pre>\n", null));
            }
        }

        string title = NotebookTitle.Choose(notebook, markdownDocuments, blocks.Select(b => b.Heading).OfType<PageHeading>().ToList());
        return new NotebookContent(title, blocks, charts);
    }

    /// <summary>A heading's text without its markup (code spans keep their text).</summary>
    public static string InlineText(ContainerInline? inline)
    {
        var text = new StringBuilder();
        Append(inline);
        return text.ToString().Trim();

        void Append(Inline? node)
        {
            switch (node)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case ContainerInline container:
                    foreach (Inline child in container)
                    {
                        Append(child);
                    }

                    break;
            }
        }
    }

    /// <summary>A markdown cell cut at its headings of level 1 to 3, each piece rendered and sanitised.</summary>
    private static IEnumerable<ContentBlock> MarkdownBlocks(NotebookCell cell, MarkdownDocument document, HashSet<string> usedIds)
    {
        var pieces = new List<(PageHeading? Heading, List<Block> Blocks)>();
        foreach (Block block in document)
        {
            if (block is HeadingBlock heading)
            {
                HtmlAttributes attributes = heading.GetAttributes();
                string id = UniqueId(attributes.Id is { Length: > 0 } given ? given : "section", usedIds);
                attributes.Id = id;
                if (heading.Level <= 3)
                {
                    pieces.Add((new PageHeading(heading.Level, id, InlineText(heading.Inline), cell.Number), []));
                }
            }

            if (pieces.Count == 0)
            {
                pieces.Add((null, []));
            }

            pieces[^1].Blocks.Add(block);
        }

        foreach ((PageHeading? heading, List<Block> blocks) in pieces)
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            var renderer = new HtmlRenderer(writer);
            s_markdown.Setup(renderer);
            foreach (Block block in blocks)
            {
                renderer.Render(block);
            }

            writer.Flush();
            (string html, IReadOnlyList<string> removed) = NotebookHtmlSanitizer.Sanitize(writer.ToString());
            yield return new ContentBlock($"<div class=\"markdown\">{html}{NotebookHtmlSanitizer.RemovedNote(removed)}</div>\n", heading);
        }
    }

    private static string UniqueId(string wanted, HashSet<string> used)
    {
        string id = wanted;
        for (int n = 2; !used.Add(id); n++)
        {
            id = $"{wanted}-{n}";
        }

        return id;
    }

    private static string CodeCell(NotebookCell cell, string highlighted, bool drawCharts, ref int charts)
    {
        CellResult? result = cell.Result;
        var html = new StringBuilder();
        string count = result is null ? "&nbsp;" : result.ExecutionCount.ToString(CultureInfo.InvariantCulture);
        html.Append("<div class=\"cell\"><div class=\"prompt\">[").Append(count).Append("]</div>")
            .Append("<pre class=\"code\"><code>").Append(highlighted).Append("</code></pre>\n");
        IReadOnlyList<CellOutput> outputs = result?.Outputs ?? [];
        for (int i = 0; i < outputs.Count; i++)
        {
            switch (outputs[i])
            {
                case StreamOutput:
                    // A cell's consecutive prints read as one text, as in a terminal: one block,
                    // standard error marked inside it.
                    html.Append("<pre class=\"output\">");
                    for (; i < outputs.Count && outputs[i] is StreamOutput stream; i++)
                    {
                        string text = WebUtility.HtmlEncode(stream.Text);
                        html.Append(stream.Name == "stderr" ? $"<span class=\"stderr\">{text}</span>" : text);
                    }

                    i--;
                    html.Append("</pre>\n");
                    break;
                case DisplayOutput display:
                    html.Append(Display(display, drawCharts, ref charts));
                    break;
                case ErrorOutput error:
                    html.Append("<div class=\"error\"><strong>").Append(WebUtility.HtmlEncode(error.Name)).Append("</strong><pre>")
                        .Append(WebUtility.HtmlEncode(error.Message)).Append("</pre></div>\n");
                    break;
            }
        }

        if (result is null)
        {
            html.Append("<div class=\"skipped\">Not run: an earlier cell failed.</div>\n");
        }

        return html.Append("</div>\n").ToString();
    }

    /// <summary>
    /// A displayed value: a chart drawn by the page's own script; else its HTML, sanitised; else an
    /// embedded image; else its plain text.
    /// </summary>
    private static string Display(DisplayOutput display, bool drawCharts, ref int charts)
    {
        string? chartProblem = null;
        if (display.ChartJson is not null)
        {
            if (!drawCharts)
            {
                chartProblem = "plotly.js was not available to this page";
            }
            else if (PageFigure.Prepare(display.ChartJson, out chartProblem) is { } figure)
            {
                charts++;
                return $"<figure class=\"chart\"><div class=\"plot\"></div><script type=\"application/json\" class=\"figure\">{figure}</script></figure>\n";
            }
        }

        string note = chartProblem is null ? string.Empty : $"<p class=\"removed\">The chart is not drawn: {WebUtility.HtmlEncode(chartProblem)}.</p>\n";
        if (display.ChartJson is null && display.Data.TryGetValue("text/html", out string? html))
        {
            (string clean, IReadOnlyList<string> removed) = NotebookHtmlSanitizer.Sanitize(html);
            return $"<div class=\"output html\">{clean}{NotebookHtmlSanitizer.RemovedNote(removed)}</div>\n";
        }

        foreach (string mime in new[] { "image/png", "image/jpeg", "image/gif" })
        {
            if (display.Data.TryGetValue(mime, out string? base64) && IsBase64(base64))
            {
                return $"<div class=\"output image\"><img alt=\"\" src=\"data:{mime};base64,{base64.Trim()}\"></div>\n";
            }
        }

        string text = display.Data.GetValueOrDefault("text/plain") ?? string.Join("\n", display.Data.Values);
        return $"{note}<pre class=\"output\">{WebUtility.HtmlEncode(text)}</pre>\n";
    }

    private static bool IsBase64(string text)
    {
        string trimmed = text.Trim().Replace("\n", string.Empty, StringComparison.Ordinal);
        return trimmed.Length > 0 && trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=');
    }
}
