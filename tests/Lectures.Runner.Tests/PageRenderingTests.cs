using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Lectures.Runner.Tests;

/// <summary>What a page and a slide deck contain, checked on their HTML without a browser.</summary>
public sealed class PageRenderingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pages").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static (string Page, string Slides) RenderPayloads()
    {
        NotebookDocument notebook = NotebookDocument.Load(PayloadNotebook.Path);
        Dictionary<int, CellResult> results = PayloadNotebook.FabricatedResults(notebook);
        return (TestPages.Page(notebook, results, TestPages.PlotlyJs), TestPages.Slides(notebook, results, TestPages.PlotlyJs));
    }

    [Fact]
    public void Every_script_the_page_runs_is_its_own_and_allowed_by_its_hash_only()
    {
        (string page, string slides) = RenderPayloads();
        foreach (string html in new[] { page, slides })
        {
            IHtmlDocument document = Parse(html);
            string policy = document.QuerySelector("meta[http-equiv='Content-Security-Policy']")!.GetAttribute("content")!;
            string[] directives = [.. policy.Split(';').Select(d => d.Trim())];
            Assert.Contains("default-src 'none'", directives);
            Assert.Contains("base-uri 'none'", directives);
            Assert.Contains("form-action 'none'", directives);
            Assert.Contains("img-src data: blob:", directives);
            string scriptSource = directives.Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
            Assert.DoesNotContain("unsafe", scriptSource, StringComparison.Ordinal);

            // Scripts that run: exactly plotly.js and the page's own, each with its hash in the policy.
            var running = document.Scripts.Where(s => string.IsNullOrEmpty(s.Type)).ToList();
            Assert.Equal(2, running.Count);
            Assert.Contains("Plotly", running[0].Text, StringComparison.Ordinal);
            string[] hashes = [.. scriptSource.Split(' ').Skip(1)];
            Assert.Equal(running.Count, hashes.Length);
            foreach (var script in running)
            {
                string hash = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script.Text)))}'";
                Assert.Contains(hash, hashes);
            }

            // Everything else is figure data: two fabricated charts and one from the notebook's chart cell.
            Assert.All(document.Scripts.Except(running), s => Assert.Equal("application/json", s.Type));
            Assert.Equal(2, document.Scripts.Count(s => s.Type == "application/json"));
        }
    }

    [Fact]
    public void Figure_json_cannot_end_its_script_and_keeps_every_title_exactly()
    {
        (string page, _) = RenderPayloads();

        // No "<" at all inside a figure's script in the file as written, so no </script> or <!-- can be read there.
        foreach (Match figure in Regex.Matches(page, "<script type=\"application/json\" class=\"figure\">(.*?)</script>", RegexOptions.Singleline))
        {
            Assert.DoesNotContain("<", figure.Groups[1].Value, StringComparison.Ordinal);
            Assert.DoesNotContain("\u2028", figure.Groups[1].Value, StringComparison.Ordinal);
            Assert.DoesNotContain("\u2029", figure.Groups[1].Value, StringComparison.Ordinal);
        }

        IHtmlDocument document = Parse(page);
        JsonNode[] figures = [.. document.QuerySelectorAll("figure.chart > script.figure").Select(s => JsonNode.Parse(s.TextContent)!)];
        Assert.Equal(2, figures.Length);
        Assert.Equal(PayloadNotebook.ChartTitle, figures[0]["layout"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal(PayloadNotebook.TraceName, figures[0]["data"]![0]!["name"]!.GetValue<string>());

        // The page's copy follows its column: no fixed width, responsive, the figure's own height kept.
        Assert.All(figures, f => Assert.Null(f["layout"]!["width"]));
        Assert.All(figures, f => Assert.True(f["config"]!["responsive"]!.GetValue<bool>()));
        Assert.All(figures, f => Assert.Equal(420, f["layout"]!["height"]!.GetValue<int>()));
    }

    [Fact]
    public void Notebook_html_keeps_its_formatting_and_loses_everything_that_could_run_fetch_or_navigate()
    {
        (string page, _) = RenderPayloads();
        IHtmlDocument document = Parse(page);
        var main = document.QuerySelector("main")!;

        Assert.Empty(main.QuerySelectorAll("script:not([type='application/json']), style, meta, base, form, input, button, iframe, object, embed, svg, link"));
        var attributes = main.QuerySelectorAll("*").SelectMany(e => e.Attributes.Select(a => (Element: e.LocalName, a.Name, a.Value))).ToList();
        Assert.DoesNotContain(attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(attributes, a => a.Name is "srcdoc" or "action" or "formaction" or "data-pwned");
        Assert.DoesNotContain(attributes, a => a.Value.Contains("url(", StringComparison.OrdinalIgnoreCase));

        // Links: only http, https, mailto, relative and anchors survive.
        string[] hrefs = [.. main.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!)];
        Assert.All(hrefs, h => Assert.Matches("^(https?:|mailto:|#|[a-zA-Z0-9_./-]+$)", h));
        Assert.Contains("https://example.org/", hrefs);
        Assert.Contains("mailto:teacher@example.org", hrefs);
        Assert.Contains("other.html", hrefs);
        Assert.Contains("#payloads-a-page-must-not-run", hrefs);

        // An image the page may not load becomes a link to it; formatting stays.
        Assert.Empty(main.QuerySelectorAll("img:not([src^='data:image/'])"));
        Assert.Contains(main.QuerySelectorAll("a.image-link"), a => a.TextContent == "[image: an image that fails]");
        Assert.NotNull(main.QuerySelector("details > summary"));
        Assert.Contains(main.QuerySelectorAll("b"), b => b.TextContent == "Bold output text survives.");

        // What was removed is named, in the markdown and in the output.
        var notes = main.QuerySelectorAll("p.removed").Select(p => p.TextContent).ToList();
        Assert.Equal(2, notes.Count);
        Assert.All(notes, n => Assert.Contains("<script>", n, StringComparison.Ordinal));
        Assert.Contains("onerror handler", notes[0], StringComparison.Ordinal);

        // Printed text that looks like HTML is text, the cell's prints in one block, stderr marked.
        var printed = main.QuerySelectorAll("pre.output").Where(p => p.TextContent.Contains("printed", StringComparison.Ordinal)).ToList();
        Assert.Single(printed);
        Assert.Contains("<script>document.title = 'PWNED stdout'</script> printed\na second print</pre>", printed[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("PWNED stderr", printed[0].QuerySelector("span.stderr")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_title_is_the_notebooks_own_title()
    {
        string lecture = TestPages.Page(TestPages.Lecture, new Dictionary<int, CellResult>(), TestPages.PlotlyJs);
        Assert.Equal("Lectures 7 and 8: Building an autograd engine from scratch", Parse(lecture).Title);

        NotebookDocument withMetadata = TestPages.Notebook(_folder, new JsonObject { ["title"] = "Week 3: gradients" }, "md:# Some heading\n\nText.");
        Assert.Equal("Week 3: gradients", Parse(TestPages.Page(withMetadata, new Dictionary<int, CellResult>(), null)).Title);

        NotebookDocument onlyLinks = TestPages.Notebook(_folder, null, "md:# Links\n\n- https://example.org\n- [docs](https://example.org/docs)");
        Assert.Equal("Links", Parse(TestPages.Page(onlyLinks, new Dictionary<int, CellResult>(), null)).Title);

        NotebookDocument noHeading = TestPages.Notebook(_folder, null, "md:Just text.", "int x = 1;");
        Assert.Equal(Path.GetFileNameWithoutExtension(noHeading.Name), Parse(TestPages.Page(noHeading, new Dictionary<int, CellResult>(), null)).Title);
    }

    [Fact]
    public void The_contents_nest_by_heading_level_and_collapse()
    {
        NotebookDocument notebook = TestPages.Notebook(_folder, null,
            "md:# Title\n\n## First\n\ntext", "int a = 1;", "md:### Deeper\n\n#### Not listed\n\n### Also deeper", "md:## Second\n\n# Next part\n\n### Under next part",
            "md:## First");
        IHtmlDocument document = Parse(TestPages.Page(notebook, new Dictionary<int, CellResult>(), null));

        string Outline(AngleSharp.Dom.IElement list, int depth) => string.Concat(list.Children.Select(li =>
        {
            var summary = li.QuerySelector(":scope > details > summary > a") ?? li.QuerySelector(":scope > a")!;
            var sub = li.QuerySelector(":scope > details > ul");
            return new string(' ', depth * 2) + summary.TextContent + "\n" + (sub is null ? string.Empty : Outline(sub, depth + 1));
        }));

        Assert.Equal(
            "Title\n  First\n    Deeper\n    Also deeper\n  Second\nNext part\n  Under next part\n  First\n",
            Outline(document.QuerySelector("nav.toc > ul")!, 0));
        Assert.All(document.QuerySelectorAll("nav.toc details"), d => Assert.True(d.HasAttribute("open")));

        // Every link leads to its heading, and two headings with the same text get different anchors.
        string[] targets = [.. document.QuerySelectorAll("nav.toc a").Select(a => a.GetAttribute("href")![1..])];
        Assert.Equal(targets.Length, targets.Distinct().Count());
        Assert.All(targets, t => Assert.NotNull(document.GetElementById(t)));
    }

    [Fact]
    public void Csharp_is_highlighted_by_the_compilers_classifier_across_cells()
    {
        NotebookDocument notebook = TestPages.Notebook(_folder, null,
            "#!time\n#r \"nuget: Plotly.NET, 6.0.0\"\nusing System.Text;\n// a comment\nvar builder = new StringBuilder();\nint Twice(int x) => 2 * x;",
            "builder.Append(Twice(21)); for (int i = 0; i < 2; i++) { Console.WriteLine($\"{i}\"); }");
        IHtmlDocument document = Parse(TestPages.Page(notebook, new Dictionary<int, CellResult>(), null));
        var cells = document.QuerySelectorAll("pre.code > code").ToList();

        string Classes(int cell, string text) => string.Join(' ', cells[cell].QuerySelectorAll("span").Where(s => s.TextContent == text).Select(s => s.ClassName).Distinct());

        Assert.Equal("pre", Classes(0, "#!time"));
        Assert.Equal("pre", Classes(0, "#r"));
        Assert.Equal("kw", Classes(0, "using"));
        Assert.Equal("ns", Classes(0, "System"));
        Assert.Equal("com", Classes(0, "// a comment"));
        Assert.Equal("type", Classes(0, "StringBuilder"));
        Assert.Equal("meth", Classes(0, "Twice"));
        Assert.Equal("num", Classes(0, "2"));

        // The second cell knows the first's variable and function, as the kernel does.
        Assert.Equal("var", Classes(1, "builder"));
        Assert.Equal("meth", Classes(1, "Twice"));
        Assert.Equal("ctl", Classes(1, "for"));
        Assert.Equal("type", Classes(1, "Console"));
        Assert.Equal("str", Classes(1, "$\""));

        // Highlighting never changes the code a reader sees.
        Assert.Equal(notebook.Cells[1].Source, cells[1].TextContent);
    }

    [Fact]
    public void The_slide_deck_has_a_slide_per_section_with_its_cells()
    {
        NotebookDocument notebook = TestPages.Notebook(_folder, null,
            "md:Before any heading.", "md:# Title\n\nIntro.\n\n## One\n\nText one.", "int one = 1;", "md:### Two\n\nText two.\n\n#### A detail", "int two = 2;");
        IHtmlDocument document = Parse(TestPages.Slides(notebook, new Dictionary<int, CellResult>(), null));
        var slides = document.QuerySelectorAll("main.deck > section.slide").ToList();

        Assert.Equal(4, slides.Count);
        Assert.Equal("Before any heading.", slides[0].TextContent.Trim());
        Assert.Equal("Title", slides[1].QuerySelector("h1")!.TextContent);
        Assert.Contains("int one = 1;", slides[2].QuerySelector("pre.code")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("A detail", slides[3].QuerySelector("h4")!.TextContent);
        Assert.Contains("int two = 2;", slides[3].TextContent, StringComparison.Ordinal);
        Assert.False(slides[0].HasAttribute("hidden"));
        Assert.All(slides.Skip(1), s => Assert.True(s.HasAttribute("hidden")));
    }

    [Fact]
    public void Embedded_images_are_shown_and_others_become_links()
    {
        const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
        NotebookDocument notebook = TestPages.Notebook(_folder, null,
            $"md:# Images\n\n![a dot](data:image/png;base64,{Png}) <img src=\"data:image/svg+xml,<svg onload=alert(1)>\" alt=\"svg\"> ![remote](https://example.org/x.png)",
            "display(image);");
        var results = new Dictionary<int, CellResult>
        {
            [2] = new CellResult(1, [new DisplayOutput(new Dictionary<string, string> { ["image/png"] = Png, ["text/plain"] = "image" }, false, null)], null, TimeSpan.Zero),
        };
        IHtmlDocument document = Parse(TestPages.Page(notebook, results, null));

        Assert.Equal(
            [$"data:image/png;base64,{Png}", $"data:image/png;base64,{Png}"],
            document.QuerySelectorAll("main img").Select(i => i.GetAttribute("src") ?? "(none)").ToArray());
        Assert.Equal("https://example.org/x.png", document.QuerySelectorAll("main a.image-link").Single(a => a.TextContent == "[image: remote]").GetAttribute("href"));
        Assert.Contains(document.QuerySelectorAll("main .image-link"), a => a.TextContent == "[image: svg]" && a.GetAttribute("href") is null);
    }
}
