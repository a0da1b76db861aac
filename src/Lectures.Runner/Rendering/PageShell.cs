using System.Net;
using System.Text;

namespace Lectures.Runner.Rendering;

/// <summary>
/// The HTML document around a page's or a deck's body: its policy (see <see cref="ContentSecurityPolicy"/>),
/// title, style and scripts. The scripts go last, after the content they draw.
/// </summary>
internal static class PageShell
{
    public static string Write(string title, string style, string body, IReadOnlyList<string> scripts)
    {
        // The browser hashes a script's text after the HTML parser turned CR LF into LF: hash what it will see.
        string[] written = [.. scripts.Select(ScriptText)];
        var page = new StringBuilder(body.Length + written.Sum(s => s.Length) + 16384);
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy.For(written)).Append("\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n")
            .Append("<style>").Append(style).Append("</style>\n</head>\n")
            .Append(body);
        foreach (string script in written)
        {
            page.Append("<script>").Append(script).Append("</script>\n");
        }

        return page.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>
    /// A script's text as it can stand in the page: no <c>&lt;/script</c> or <c>&lt;!--</c> that would end
    /// it early or change how the parser reads it (in JavaScript <c>&lt;\/</c> and <c>&lt;\!--</c> mean the same
    /// inside strings and regular expressions, which is where minified code has them), and LF line ends.
    /// </summary>
    private static string ScriptText(string script) => script
        .Replace("\r\n", "\n", StringComparison.Ordinal)
        .Replace('\r', '\n')
        .Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)
        .Replace("<!--", "<\\!--", StringComparison.Ordinal);
}
