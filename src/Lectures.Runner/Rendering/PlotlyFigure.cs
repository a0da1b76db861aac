using System.Reflection;

namespace Lectures.Runner;

/// <summary>
/// Reads Plotly.NET charts that a notebook displayed, without referencing Plotly.NET: the notebook
/// brings its own copy with <c>#r "nuget:"</c>, and the runner must work with whichever it loaded.
/// </summary>
internal static class PlotlyFigure
{
    private const string ChartTypeName = "Plotly.NET.GenericChart";

    /// <summary>The plotly.js figure JSON of a Plotly.NET chart, or null for any other value.</summary>
    public static string? TryGetJson(object? value)
    {
        Type? chartType = ChartType(value);
        MethodInfo? toJson = chartType?.GetMethod("toJson", BindingFlags.Public | BindingFlags.Static);
        return toJson?.Invoke(null, [value]) as string;
    }

    private static string? s_plotlyJs;

    /// <summary>
    /// plotly.js as Plotly.NET carries it (an embedded resource), for a page that must not fetch it;
    /// read once, after a notebook has loaded Plotly.NET.
    /// </summary>
    public static string? PlotlyJs() => s_plotlyJs ??= ReadPlotlyJs();

    private static string? ReadPlotlyJs()
    {
        Assembly? plotly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "Plotly.NET");
        string? resource = plotly?.GetManifestResourceNames().FirstOrDefault(n => n.Contains("plotly", StringComparison.OrdinalIgnoreCase) && n.EndsWith(".min.js", StringComparison.Ordinal));
        if (resource is null)
        {
            return null;
        }

        using Stream stream = plotly!.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static Type? ChartType(object? value)
    {
        for (Type? type = value?.GetType(); type is not null; type = type.BaseType)
        {
            if (type.FullName == ChartTypeName)
            {
                return type;
            }
        }

        return null;
    }
}
