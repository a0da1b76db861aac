namespace Lectures.Runner.Exporting;

/// <summary>
/// The class written at the end of an app that prints what the kernel showed: a cell's last value
/// and <c>display(...)</c>. The kernel's plain text is the value's <c>ToString()</c> (for an object,
/// the summary line above its property table), a string as it is, <c>&lt;null&gt;</c>, and a
/// sequence as <c>[ 1, 2 ]</c>; a chart, which the kernel draws, becomes an offline page beside the
/// app whose path is printed.
/// </summary>
internal static class NotebookOutput
{
    /// <summary>The class's name in the app, which the rewritten cells call.</summary>
    public const string ClassName = "NotebookOutput";

    /// <summary>The class's source for an app named <paramref name="appName"/>; with charts only when the app references the chart library.</summary>
    public static string Source(string appName, bool withCharts)
    {
        string charts = withCharts
            ? $$"""
                        case Plotly.NET.GenericChart chart:
                            string folder = Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Environment.CurrentDirectory, "{{appName}}-charts");
                            Directory.CreateDirectory(folder);
                            string path = Path.Combine(folder, cell is int number ? $"cell-{number}.html" : $"display-{++s_displays}.html");
                            Autograd.Charts.ChartPage.Save(chart, path);
                            Console.WriteLine($"chart: {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
                            break;

                """
            : string.Empty;
        return $$"""
            /// <summary>Prints what the notebook kernel showed: a cell's last value, display(...).</summary>
            static class {{ClassName}}
            {
            {{(withCharts ? "    private static int s_displays;\n\n" : string.Empty)}}    /// <summary>Prints a value as the kernel's plain text shows it{{(withCharts ? "; writes a chart as an offline page and prints its path" : string.Empty)}}.</summary>
                public static void Show(object? value, int? cell = null)
                {
                    switch (value)
                    {
                        case null:
                            Console.WriteLine("<null>");
                            break;
                        case string text:
                            Console.WriteLine(text);
                            break;
            {{charts}}            case System.Collections.IEnumerable items:
                            Console.WriteLine($"[ {string.Join(", ", items.Cast<object?>().Select(item => item?.ToString() ?? "<null>"))} ]");
                            break;
                        default:
                            Console.WriteLine(value);
                            break;
                    }
                }

                /// <summary>The kernel's display(...): shows the value now (a program cannot update it later).</summary>
                public static void display(object? value) => Show(value);
            }

            """;
    }
}
