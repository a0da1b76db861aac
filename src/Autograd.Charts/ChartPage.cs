using Microsoft.FSharp.Core;
using Plotly.NET;

namespace Autograd.Charts;

/// <summary>
/// Charts as standalone web pages that work offline: plotly.js (2.28.0, carried inside Plotly.NET)
/// is embedded in the page instead of being loaded from a CDN, so a page opens from disk, on a
/// projector without network, and in a browser that fetches nothing.
/// </summary>
public static class ChartPage
{
    /// <summary>A complete HTML document showing <paramref name="chart"/>, with plotly.js embedded.</summary>
    public static string ToStandaloneHtml(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        DisplayOptions options = DisplayOptions.init(null, FSharpOption<string>.Some("UTF-8"), null, null, null, null, FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.Full));
        return GenericChart.toEmbeddedHTML(GenericChart.setDisplayOptions(options, chart));
    }

    /// <summary>
    /// Writes <see cref="ToStandaloneHtml"/> to <paramref name="path"/> atomically: the page is
    /// written beside it under a temporary name and then renamed, so a reader never sees half a page.
    /// </summary>
    public static void Save(GenericChart chart, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        AtomicFile.WriteAllText(path, ToStandaloneHtml(chart));
    }
}
