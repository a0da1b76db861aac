using System.Text.Json;
using Autograd.Charts;
using Autograd.Datasets;
using Plotly.NET;

namespace Autograd.Tests;

public class ClassifierChartTests
{
    private static (double[][] X, int[] Y) Demo()
    {
        (double[][] x, int[] y) = Moons.Make(nSamples: 100, noise: 0.1, random: new NumpyRandom(1337));
        return (x, [.. y.Select(label => (label * 2) - 1)]);
    }

    [Fact]
    public void The_boundary_grid_steps_by_a_quarter_over_the_datas_range_widened_by_one_and_fills_each_cell_by_the_scores_sign()
    {
        (double[][] x, int[] y) = Demo();
        static double Score(double a, double b) => b - (0.5 * Math.Sin(2 * a)) - 0.25;

        JsonElement heatmap = Json(ClassifierCharts.DecisionBoundary(x, y, Score)).GetProperty("data")[0];

        double[] g0 = [.. heatmap.GetProperty("x").EnumerateArray().Select(e => e.GetDouble())];
        double[] g1 = [.. heatmap.GetProperty("y").EnumerateArray().Select(e => e.GetDouble())];
        Assert.Equal(x.Min(p => p[0]) - 1, g0[0]);
        Assert.Equal(x.Min(p => p[1]) - 1, g1[0]);
        Assert.InRange(g0[^1], x.Max(p => p[0]) + 1 - 0.25, x.Max(p => p[0]) + 1);
        Assert.InRange(g1[^1], x.Max(p => p[1]) + 1 - 0.25, x.Max(p => p[1]) + 1);
        Assert.All(g0.Zip(g0.Skip(1)), pair => Assert.Equal(0.25, pair.Second - pair.First, 12));
        int[][] z = [.. heatmap.GetProperty("z").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetInt32()).ToArray())];
        Assert.Equal(g1.Length, z.Length);
        for (int i = 0; i < g1.Length; i++)
        {
            Assert.Equal(g0.Select(a => Score(a, g1[i]) > 0 ? 1 : 0), z[i]);
        }

        Assert.Contains(0, z.SelectMany(row => row));
        Assert.Contains(1, z.SelectMany(row => row));
    }

    [Fact]
    public void The_points_are_drawn_on_top_of_the_regions_one_trace_per_label()
    {
        (double[][] x, int[] y) = Demo();

        JsonElement[] traces = [.. Json(ClassifierCharts.DecisionBoundary(x, y, (a, b) => a)).GetProperty("data").EnumerateArray()];

        Assert.Equal("heatmap", traces[0].GetProperty("type").GetString());
        JsonElement[] points = [.. traces.Where(t => t.TryGetProperty("name", out JsonElement name) && name.GetString()!.StartsWith("label ", StringComparison.Ordinal))];
        Assert.Equal(["label −1", "label +1"], points.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(y.Count(v => v < 0), points[0].GetProperty("x").GetArrayLength());
        Assert.Equal(y.Count(v => v > 0), points[1].GetProperty("x").GetArrayLength());
        Assert.True(Array.IndexOf(traces, points[0]) > 0);
    }

    [Fact]
    public void The_data_set_keeps_scikit_learns_zero_one_labels_apart_by_name()
    {
        (double[][] x, int[] y) = Moons.Make(nSamples: 20, noise: 0.1, random: new NumpyRandom(3));

        string[] names = [.. Json(ClassifierCharts.Dataset(x, y)).GetProperty("data").EnumerateArray().Select(t => t.GetProperty("name").GetString()!)];

        Assert.Equal(["label 0", "label +1"], names);
    }

    [Fact]
    public void The_training_curves_have_a_loss_panel_and_an_accuracy_panel_on_one_step_axis()
    {
        JsonElement chart = Json(ClassifierCharts.TrainingCurves([0.9, 0.5, 0.2], [50.0, 81.0, 100.0]));

        JsonElement[] data = [.. chart.GetProperty("data").EnumerateArray()];
        Assert.Equal([0.9, 0.5, 0.2], data[0].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([50.0, 81.0, 100.0], data[1].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("y2", data[1].GetProperty("yaxis").GetString());
        Assert.Equal("x", chart.GetProperty("layout").GetProperty("xaxis2").GetProperty("matches").GetString());
        Assert.Contains(chart.GetProperty("layout").GetProperty("annotations").EnumerateArray(), a => a.GetProperty("text").GetString()!.Contains("last step 100%", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_points_labels_grids_and_histories_are_refused_naming_what_is_wrong()
    {
        (double[][] x, int[] y) = Demo();

        Assert.Contains("100 points and 99 labels", Assert.Throws<ArgumentException>(() => ClassifierCharts.Dataset(x, y[..99])).Message, StringComparison.Ordinal);
        Assert.Contains("Point 1 must be two finite coordinates", Assert.Throws<ArgumentException>(() => ClassifierCharts.Dataset([[0, 0], [1, 2, 3]], [1, -1])).Message, StringComparison.Ordinal);
        Assert.Contains("Point 0", Assert.Throws<ArgumentException>(() => ClassifierCharts.Dataset([[double.NaN, 0]], [1])).Message, StringComparison.Ordinal);
        Assert.Contains("label 1 is 2", Assert.Throws<ArgumentException>(() => ClassifierCharts.Dataset([[0, 0], [1, 1]], [1, 2])).Message, StringComparison.Ordinal);
        Assert.Contains("step must be positive", Assert.Throws<ArgumentException>(() => ClassifierCharts.DecisionBoundary(x, y, (a, b) => a, step: 0)).Message, StringComparison.Ordinal);
        Assert.Contains("margin must be positive", Assert.Throws<ArgumentException>(() => ClassifierCharts.DecisionBoundary(x, y, (a, b) => a, margin: double.NaN)).Message, StringComparison.Ordinal);
        Assert.Contains("2 losses and 3 accuracies", Assert.Throws<ArgumentException>(() => ClassifierCharts.TrainingCurves([1, 2], [1, 2, 3])).Message, StringComparison.Ordinal);
    }

    private static JsonElement Json(GenericChart chart) => JsonDocument.Parse(GenericChart.toJson(chart)).RootElement;
}
