using System.Text.RegularExpressions;
using Ganss.Xss;

namespace Lectures.Runner.Rendering;

/// <summary>
/// Makes HTML that came from a notebook (raw HTML in markdown, <c>text/html</c> outputs) safe to put in
/// a page: a teacher opens pages made from notebooks they did not write, so nothing in them may run
/// script, navigate, submit, load anything or change how the page is read. What is left is
/// formatting: text, lists, tables, emphasis, images embedded as data, and links to http, https,
/// mailto, relative paths and anchors. Whatever is removed is named in a note under the content, so
/// a reader knows something was there.
/// </summary>
internal static class NotebookHtmlSanitizer
{
    /// <summary>Tags that could run script, fetch, navigate, submit or restyle the page, removed with their content.</summary>
    private static readonly string[] s_forbiddenTags =
    [
        "script", "style", "meta", "base", "link", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
        "button", "select", "textarea", "option", "optgroup", "fieldset", "legend", "label", "datalist", "output", "keygen",
        "svg", "math", "template", "noscript", "portal", "audio", "video", "source", "track",
    ];

    /// <summary>The sanitised HTML and a list of what was removed (empty when nothing was).</summary>
    public static (string Html, IReadOnlyList<string> Removed) Sanitize(string html)
    {
        var removed = new SortedSet<string>(StringComparer.Ordinal);
        HtmlSanitizer sanitizer = Create();
        sanitizer.RemovingTag += (_, e) => removed.Add($"<{e.Tag.LocalName}>");
        sanitizer.RemovingAttribute += (_, e) =>
        {
            if (e.Attribute.Name == "style" && string.IsNullOrWhiteSpace(e.Attribute.Value))
            {
                return; // emptied by the removal of its properties, already named
            }

            removed.Add(e.Attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)
            ? $"{e.Attribute.Name} handler"
            : $"{e.Attribute.Name}=\"{Shorten(e.Attribute.Value)}\"");
        };
        sanitizer.RemovingStyle += (_, e) => removed.Add($"style {e.Style.Name}");
        sanitizer.RemovingAtRule += (_, e) => removed.Add("an @-rule in a style");
        string clean = sanitizer.Sanitize(html);
        return (clean, [.. removed]);
    }

    /// <summary>A visible note naming what <see cref="Sanitize"/> removed, or nothing.</summary>
    public static string RemovedNote(IReadOnlyList<string> removed) => removed.Count == 0
        ? string.Empty
        : $"<p class=\"removed\">Not shown here, because a page must run only its own code: {System.Net.WebUtility.HtmlEncode(string.Join(", ", removed))}.</p>\n";

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();
        foreach (string tag in s_forbiddenTags)
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        // Headings keep their ids so the contents can link to them; classes are kept for the
        // markdown renderer's own (task lists, alignment); the page's script never looks elements up by either.
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedAttributes.Add("class");
        foreach (string attribute in new[] { "action", "formaction", "srcdoc", "srcset", "ping", "background", "poster", "name", "target" })
        {
            sanitizer.AllowedAttributes.Remove(attribute);
        }

        sanitizer.AllowDataAttributes = false;
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAtRules.Clear();
        sanitizer.AllowedCssProperties.Remove("position");
        // A removed element goes with its content: a script's or a style's text is not prose.
        sanitizer.KeepChildNodes = false;

        // Styles may format but not fetch: no url(), image-set() or old IE expression().
        sanitizer.DisallowCssPropertyValue = new Regex(@"[<>]|url\s*\(|image-set|expression\s*\(|@import|\\", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        sanitizer.FilterUrl += (_, e) =>
        {
            // Images may be embedded as data (the page's policy allows data: images only); no
            // other attribute may carry a data: or any other non-web URL.
            bool embeddedImage = e.Tag.LocalName == "img"
                && e.OriginalUrl.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase)
                && !e.OriginalUrl.StartsWith("data:image/svg", StringComparison.OrdinalIgnoreCase);
            if (embeddedImage)
            {
                e.SanitizedUrl = e.OriginalUrl;
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link && link.HasAttribute("href"))
            {
                link.SetAttribute("rel", "noopener noreferrer");
            }
            else if (e.Node is AngleSharp.Dom.IElement { LocalName: "img" } image
                && !(image.GetAttribute("src") ?? string.Empty).StartsWith("data:image/", StringComparison.OrdinalIgnoreCase))
            {
                // The page loads nothing, so an image that is not embedded becomes a link to it:
                // the reader still sees that there was an image, and where.
                ReplaceImageWithLink(e.Document, image);
            }
        };
        return sanitizer;
    }

    private static void ReplaceImageWithLink(AngleSharp.Html.Dom.IHtmlDocument document, AngleSharp.Dom.IElement image)
    {
        string? source = image.GetAttribute("src");
        string alt = image.GetAttribute("alt") is { Length: > 0 } text ? text : source ?? "no source";
        AngleSharp.Dom.IElement replacement = document.CreateElement(source is null ? "span" : "a");
        if (source is not null)
        {
            replacement.SetAttribute("href", source);
            replacement.SetAttribute("rel", "noopener noreferrer");
        }

        replacement.SetAttribute("class", "image-link");
        replacement.TextContent = $"[image: {alt}]";
        image.Replace(replacement);
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";
}
