using System.Reflection;

namespace Lectures.Runner.Execution.Worker;

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
