using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lectures.Runner.Rendering;

/// <summary>
/// JSON written inside a page's <c>&lt;script&gt;</c> element. Every <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>
/// and line or paragraph separator is a <c>\u</c> escape, so no string in it (a chart title
/// holding <c>&lt;/script&gt;</c> or <c>&lt;!--&lt;script&gt;</c>) can end the script or switch the HTML
/// parser into another state: the title stays a title.
/// </summary>
internal static class ScriptJson
{
    private static readonly JsonSerializerOptions s_options = new() { Encoder = JavaScriptEncoder.Default, WriteIndented = false };

    public static string Serialize(JsonNode node)
    {
        string json = node.ToJsonString(s_options);

        // JavaScriptEncoder.Default already escapes these; the page's safety does not rest on an encoder's defaults.
        return json.Replace("<", "\\u003C", StringComparison.Ordinal)
            .Replace(">", "\\u003E", StringComparison.Ordinal)
            .Replace("&", "\\u0026", StringComparison.Ordinal)
            .Replace("\u2028", "\\u2028", StringComparison.Ordinal)
            .Replace("\u2029", "\\u2029", StringComparison.Ordinal);
    }
}
