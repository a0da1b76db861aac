namespace Lectures.Runner.Rendering;

/// <summary>
/// The look of the pages and slide decks, made for a projector: large text, dark colours on white
/// (every syntax colour has at least 5:1 contrast against the code's background), and nothing that
/// needs a network (system fonts only).
/// </summary>
internal static class PageStyle
{
    /// <summary>Cells, outputs, charts and C# colours: the same in the page and the slides.</summary>
    private const string Content = """
        :root { --text: #111; --muted: #4b5563; --code-bg: #f6f8fa; --border: #d0d7de; --link: #1d4ed8; }
        h1, h2, h3, h4 { line-height: 1.25; }
        a { color: var(--link); }
        code, pre { font-family: ui-monospace, "Cascadia Code", "DejaVu Sans Mono", Consolas, monospace; }
        pre { font-size: max(16px, .88em); line-height: 1.45; padding: .6em .9em; border-radius: 6px; margin: .3em 0; white-space: pre-wrap; overflow-wrap: anywhere; }
        :not(pre) > code { background: var(--code-bg); padding: .05em .3em; border-radius: 4px; font-size: max(16px, .9em); }
        .cell { margin: 1.1em 0; }
        .prompt { font: 16px ui-monospace, monospace; color: var(--muted); }
        pre.code { background: var(--code-bg); border: 1px solid var(--border); }
        pre.output { background: #fff; border-left: 4px solid #9ca3af; }
        pre.output .stderr { color: #9a3412; }
        div.error { background: #fef2f2; border: 2px solid #dc2626; color: #7f1d1d; border-radius: 6px; padding: .4em .9em; margin: .3em 0; }
        div.error pre { padding: 0; background: none; border: 0; }
        div.skipped, p.removed { color: var(--muted); font-style: italic; font-size: .9em; }
        div.output.html { overflow-x: auto; margin: .3em 0; padding: .1em .9em; border-left: 4px solid #9ca3af; }
        div.output.image img, div.markdown img { max-width: 100%; height: auto; }
        figure.chart { margin: .6em 0; width: 100%; min-width: 0; }
        figure.chart .plot { width: 100%; }
        table { border-collapse: collapse; display: block; overflow-x: auto; max-width: 100%; }
        td, th { border: 1px solid var(--border); padding: .2em .5em; }
        .kw { color: #0033b3; }
        .ctl { color: #7a1fa2; }
        .str { color: #a31515; }
        .com { color: #176a23; font-style: italic; }
        .num { color: #9a4a00; }
        .type { color: #00636c; }
        .meth { color: #6b4a00; }
        .var { color: #1f2d6b; }
        .ns { color: #333; }
        .pre { color: #6d3a8c; }
        """;

    /// <summary>The page: contents on the left, the notebook in a column that grows with the screen.</summary>
    public const string Page = Content + """
        html { font-size: 16px; }
        body { margin: 0; font: clamp(18px, 1.05vw, 20px)/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--text); background: #fff;
               display: grid; grid-template-columns: clamp(14rem, 20vw, 20rem) minmax(0, 1fr); }
        nav.toc { position: sticky; top: 0; height: 100vh; overflow-y: auto; padding: 1rem 1rem 2rem; background: #f3f4f6; box-sizing: border-box; font-size: 16px; line-height: 1.35; border-right: 1px solid var(--border); }
        nav.toc h2 { font-size: 18px; margin: 0 0 .6rem; }
        nav.toc ul { list-style: none; padding: 0 0 0 .9rem; margin: 0; }
        nav.toc > ul { padding-left: 0; }
        nav.toc li { margin: .3rem 0; }
        nav.toc summary { cursor: pointer; }
        nav.toc summary::marker { color: var(--muted); }
        nav.toc a { color: var(--link); text-decoration: none; }
        nav.toc a:hover { text-decoration: underline; }
        nav.toc li.level1 > a, nav.toc li.level1 > details > summary > a { font-weight: 600; }
        main { min-width: 0; max-width: 1480px; padding: 1rem 2.5rem 4rem; box-sizing: border-box; }
        main h1 { font-size: 2em; margin: .8em 0 .4em; }
        main h2 { font-size: 1.55em; margin: 1.4em 0 .4em; border-bottom: 1px solid var(--border); padding-bottom: .2em; }
        main h3 { font-size: 1.25em; margin: 1.2em 0 .3em; }
        @media (max-width: 900px) {
          body { display: block; }
          nav.toc { position: static; height: auto; border-right: 0; }
          main { padding: 1rem; }
        }
        @media print {
          body { display: block; font-size: 12pt; }
          nav.toc { display: none; }
          main { max-width: none; padding: 0; }
          figure.chart, pre, div.error, div.output, h1, h2, h3 { break-inside: avoid; }
          h1, h2, h3 { break-after: avoid; }
          .modebar-container, .modebar { display: none !important; }
          pre.code { border-color: #999; }
        }
        """;

    /// <summary>The slides: one section at a time filling the screen, its number in the corner.</summary>
    public const string Slides = Content + """
        html, body { margin: 0; height: 100%; overflow: hidden; }
        body { font: clamp(20px, 1.45vw, 28px)/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--text); background: #fff; }
        section.slide { position: fixed; inset: 0 0 2.6rem 0; overflow-y: auto; overflow-x: hidden; padding: 1.2rem 3vw 2rem; box-sizing: border-box; }
        section.slide[hidden] { display: none !important; }
        section.slide > .inner { max-width: 1600px; margin: 0 auto; }
        section.slide h1 { font-size: 1.9em; margin: .3em 0; }
        section.slide h2 { font-size: 1.6em; margin: .2em 0 .4em; }
        section.slide h3 { font-size: 1.35em; margin: .2em 0 .4em; }
        section.slide .prompt { display: none; }
        section.slide pre { font-size: max(16px, .8em); }
        section.slide.title { display: flex; align-items: center; }
        section.slide.title > .inner { width: 100%; }
        footer.deck { position: fixed; left: 0; right: 0; bottom: 0; height: 2.6rem; display: flex; align-items: center; justify-content: space-between; gap: 1rem;
                      padding: 0 1rem; box-sizing: border-box; font-size: 18px; color: var(--muted); background: #f3f4f6; border-top: 1px solid var(--border); }
        footer.deck .deck-title { overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
        footer.deck button { font: inherit; font-size: 18px; padding: .1rem .7rem; cursor: pointer; }
        footer.deck .controls { display: flex; align-items: center; gap: .6rem; flex: none; }
        footer.deck .more { color: #1d4ed8; font-weight: 600; margin-right: .6rem; }
        footer.deck .more[hidden] { display: none; }
        @media print {
          html, body { height: auto; overflow: visible; }
          section.slide, section.slide[hidden] { display: block !important; position: static; overflow: visible; break-after: page; }
          footer.deck, .modebar-container { display: none !important; }
        }
        """;
}
