using System.Globalization;
using Plotly.NET;

namespace Autograd.Charts;

/// <summary>
/// Charts of a binary classifier in the plane, as micrograd's demo draws them: the data set, the
/// decision boundary over a grid, and the loss and accuracy per training step.
/// </summary>
/// <remarks>
/// Points are rows <c>[x0, x1]</c> with labels -1 and +1 (or scikit-learn's 0 and 1, which mean
/// the same two classes). The two classes keep their colours on every chart: red for the negative
/// class, blue for the positive one, as the demo's Spectral colour map draws them. Like the other
/// charts, every text is at least 16 px and the charts follow their container's width.
/// </remarks>
public static class ClassifierCharts
{
    private const string NegativeColor = "#d7301f";
    private const string PositiveColor = "#2b6cb0";
    private const string NegativeRegion = "#fcbba1";
    private const string PositiveRegion = "#bdd7ee";

    /// <summary>The points, coloured by label, a unit of <c>x0</c> as long as a unit of <c>x1</c>.</summary>
    /// <exception cref="ArgumentException">The points and labels differ in number, a point does not have two coordinates, or a label is not -1/+1 (or 0/1).</exception>
    public static GenericChart Dataset(IReadOnlyList<double[]> x, IReadOnlyList<int> y, string? title = null)
    {
        Check(x, y);
        var layout = PlaneLayout(title ?? "The moons data set", x, margin: 0.3);
        return AutogradCharts.Build(Points(x, y), layout);
    }

    /// <summary>
    /// Where the classifier says +1 and where it says -1, as the demo draws it: the score on a grid
    /// of step <paramref name="step"/> (numpy's <c>arange(min - margin, max + margin, step)</c> along
    /// each axis, over the data's range widened by <paramref name="margin"/>), each grid cell filled
    /// by the sign of its score, the points on top.
    /// </summary>
    /// <param name="x">The points, rows <c>[x0, x1]</c>.</param>
    /// <param name="y">Their labels.</param>
    /// <param name="score">The classifier's score at <c>(x0, x1)</c>; positive means class +1.</param>
    /// <param name="step">The grid's spacing (the demo's <c>h = 0.25</c>).</param>
    /// <param name="margin">How far the grid reaches past the data on each side (the demo's 1).</param>
    /// <param name="title">The chart's title.</param>
    /// <exception cref="ArgumentException">Bad points or labels (see <see cref="Dataset"/>), or a step or margin that is not positive and finite.</exception>
    public static GenericChart DecisionBoundary(IReadOnlyList<double[]> x, IReadOnlyList<int> y, Func<double, double, double> score, double step = 0.25, double margin = 1.0, string? title = null)
    {
        Check(x, y);
        ArgumentNullException.ThrowIfNull(score);
        if (!(step > 0) || !double.IsFinite(step))
        {
            throw new ArgumentException($"The grid's step must be positive and finite, not {step.ToString(CultureInfo.InvariantCulture)}.", nameof(step));
        }

        if (!(margin > 0) || !double.IsFinite(margin))
        {
            throw new ArgumentException($"The margin must be positive and finite, not {margin.ToString(CultureInfo.InvariantCulture)}.", nameof(margin));
        }

        double[] g0 = Arange(x.Min(p => p[0]) - margin, x.Max(p => p[0]) + margin, step);
        double[] g1 = Arange(x.Min(p => p[1]) - margin, x.Max(p => p[1]) + margin, step);
        int[][] sign = [.. g1.Select(b => g0.Select(a => score(a, b) > 0 ? 1 : 0).ToArray())];

        var regions = new Trace2D("heatmap");
        regions.SetProperty("x", g0);
        regions.SetProperty("y", g1);
        regions.SetProperty("z", sign);
        regions.SetProperty("zmin", 0);
        regions.SetProperty("zmax", 1);
        regions.SetProperty("colorscale", new object[] { new object[] { 0.0, NegativeRegion }, new object[] { 0.5, NegativeRegion }, new object[] { 0.5, PositiveRegion }, new object[] { 1.0, PositiveRegion } });
        regions.SetProperty("showscale", false);
        regions.SetProperty("hoverinfo", "skip");

        var traces = new List<Trace> { regions, RegionKey("score > 0: predicts +1", PositiveRegion), RegionKey("score ≤ 0: predicts −1", NegativeRegion) };
        traces.AddRange(Points(x, y));
        double half = step / 2;
        Dictionary<string, object> layout = PlaneLayout(title ?? "Decision boundary", x, margin: 0, range0: [g0[0] - half, g0[^1] + half], range1: [g1[0] - half, g1[^1] + half]);
        return AutogradCharts.Build(traces, layout);
    }

    /// <summary>
    /// The loss (top) and the accuracy in percent (below) at every training step, one panel each,
    /// sharing the step axis: the loss falls while the accuracy climbs to where it stays.
    /// </summary>
    /// <exception cref="ArgumentException">No steps, or the two lists differ in length.</exception>
    public static GenericChart TrainingCurves(IReadOnlyList<double> loss, IReadOnlyList<double> accuracyPercent, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(accuracyPercent);
        if (loss.Count == 0 || loss.Count != accuracyPercent.Count)
        {
            throw new ArgumentException($"One loss and one accuracy per step are needed; there are {loss.Count} losses and {accuracyPercent.Count} accuracies.", nameof(accuracyPercent));
        }

        double[] steps = [.. Enumerable.Range(0, loss.Count).Select(k => (double)k)];
        Trace2D lossLine = AutogradCharts.Line(steps, [.. loss], "loss", "lines+markers");
        lossLine.SetProperty("line", new { color = "#1f77b4", width = 3 });
        lossLine.SetProperty("marker", new { size = 5 });
        Trace2D accuracyLine = AutogradCharts.Line(steps, [.. accuracyPercent], "accuracy", "lines+markers");
        accuracyLine.SetProperty("line", new { color = "#2ca02c", width = 3 });
        accuracyLine.SetProperty("marker", new { size = 5 });
        accuracyLine.SetProperty("xaxis", "x2");
        accuracyLine.SetProperty("yaxis", "y2");

        var layout = new Dictionary<string, object>
        {
            ["height"] = 640,
            ["showlegend"] = false,
            ["margin"] = new { l = 20, r = 20, t = 70, b = 20 },
            ["title"] = Title(title ?? "Training: loss and accuracy per step"),
            ["xaxis"] = new { automargin = true, anchor = "y", showticklabels = false },
            ["yaxis"] = new { title = new { text = "loss" }, automargin = true, domain = new[] { 0.56, 1.0 }, rangemode = "tozero" },
            ["xaxis2"] = new { title = new { text = "step" }, automargin = true, anchor = "y2", matches = "x" },
            ["yaxis2"] = new { title = new { text = "accuracy %" }, automargin = true, domain = new[] { 0.0, 0.42 }, range = new[] { Math.Min(40.0, accuracyPercent.Min() - 5), 102.0 } },
            ["annotations"] = new object[]
            {
                AutogradCharts.PanelTitle("y domain", "x domain", "loss (max-margin + L2)"),
                AutogradCharts.PanelTitle("y2 domain", "x2 domain", $"accuracy, last step {accuracyPercent[^1].ToString("0.#", CultureInfo.InvariantCulture)}%"),
            },
        };
        return AutogradCharts.Build([lossLine, accuracyLine], layout);
    }

    /// <summary>numpy's <c>arange(start, stop, step)</c>: <c>start + i * step</c> for the <c>ceil((stop - start) / step)</c> values of <c>i</c>.</summary>
    internal static double[] Arange(double start, double stop, double step)
    {
        int count = Math.Max(0, (int)Math.Ceiling((stop - start) / step));
        return [.. Enumerable.Range(0, count).Select(i => start + (i * step))];
    }

    private static List<Trace> Points(IReadOnlyList<double[]> x, IReadOnlyList<int> y)
    {
        bool zeroOne = y.Any(v => v == 0);
        var traces = new List<Trace>();
        foreach (bool positive in new[] { false, true })
        {
            int[] rows = [.. Enumerable.Range(0, x.Count).Where(i => y[i] > 0 == positive)];
            string label = positive ? "+1" : zeroOne ? "0" : "−1";
            Trace2D points = AutogradCharts.Line([.. rows.Select(i => x[i][0])], [.. rows.Select(i => x[i][1])], $"label {label}", "markers");
            points.SetProperty("marker", new { color = positive ? PositiveColor : NegativeColor, size = 11, symbol = positive ? "circle" : "diamond", line = new { color = "black", width = 1 } });
            points.SetProperty("cliponaxis", false);
            traces.Add(points);
        }

        return traces;
    }

    private static Trace2D RegionKey(string name, string color)
    {
        // A legend entry for a region: the heatmap itself has none.
        Trace2D key = AutogradCharts.Line([double.NaN], [double.NaN], name, "markers");
        key.SetProperty("marker", new { color, size = 16, symbol = "square", line = new { color = "#555", width = 1 } });
        key.SetProperty("hoverinfo", "skip");
        return key;
    }

    private static Dictionary<string, object> PlaneLayout(string title, IReadOnlyList<double[]> x, double margin, double[]? range0 = null, double[]? range1 = null)
    {
        range0 ??= [x.Min(p => p[0]) - margin, x.Max(p => p[0]) + margin];
        range1 ??= [x.Min(p => p[1]) - margin, x.Max(p => p[1]) + margin];
        return new Dictionary<string, object>
        {
            ["height"] = 620,
            ["margin"] = new { l = 20, r = 20, t = 70, b = 20 },
            ["title"] = Title(title),
            ["xaxis"] = new { title = new { text = "x0" }, range = range0, constrain = "domain", automargin = true, zeroline = false, showgrid = false },
            ["yaxis"] = new { title = new { text = "x1" }, range = range1, scaleanchor = "x", scaleratio = 1, constrain = "domain", automargin = true, zeroline = false, showgrid = false },
            ["legend"] = new { x = 1.02, xanchor = "left", y = 1.0, yanchor = "top", font = ChartStyle.Font() },
        };
    }

    private static object Title(string text) =>
        new { text = $"<b>{System.Net.WebUtility.HtmlEncode(text)}</b>", x = 0.0, xref = "paper", xanchor = "left", font = ChartStyle.Font(ChartStyle.TitleFontSize) };

    private static void Check(IReadOnlyList<double[]> x, IReadOnlyList<int> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count == 0 || x.Count != y.Count)
        {
            throw new ArgumentException($"There must be at least one point and one label per point; there are {x.Count} points and {y.Count} labels.", nameof(y));
        }

        for (int i = 0; i < x.Count; i++)
        {
            if (x[i] is not { Length: 2 } || !double.IsFinite(x[i][0]) || !double.IsFinite(x[i][1]))
            {
                throw new ArgumentException($"Point {i} must be two finite coordinates [x0, x1]; it is {(x[i] is null ? "null" : $"[{string.Join(", ", x[i].Select(v => v.ToString(CultureInfo.InvariantCulture)))}]")}.", nameof(x));
            }
        }

        bool zeroOne = y.All(v => v is 0 or 1), signs = y.All(v => v is -1 or 1);
        if (!zeroOne && !signs)
        {
            int bad = Enumerable.Range(0, y.Count).First(i => y[i] is not (-1 or 0 or 1) || (y[i] == 0 && y.Contains(-1)));
            throw new ArgumentException($"Labels must be -1 and +1 (or scikit-learn's 0 and 1); label {bad} is {y[bad]} among {string.Join(", ", y.Distinct().Order())}.", nameof(y));
        }
    }
}
