using System.Text.Json;
using Autograd.Charts;
using Plotly.NET;

namespace Autograd.Tests;

public class ChartTests
{
    [Fact]
    public void Layout_of_the_manual_traversal_graph_puts_every_edge_from_a_lower_to_a_higher_layer()
    {
        (CompNode l, CompNode[] named) = ManualTraversalGraph();

        GraphLayout layout = GraphLayout.Compute(l);

        Assert.Equal(10, layout.Nodes.Count);
        Assert.Equal(0, layout.HiddenCount);
        Assert.Equal(5, layout.LayerCount);
        Assert.Equal(l, layout.Nodes[^1].Node);
        Assert.Equal(4, layout.Nodes[^1].Layer);
        Assert.Equal(9, layout.Edges.Count);
        foreach ((int from, int to) in layout.Edges)
        {
            Assert.True(layout.Nodes[from].Layer < layout.Nodes[to].Layer);
            Assert.Contains(layout.Nodes[from].Node, layout.Nodes[to].Node.Children);
        }

        Assert.All(named[6..], n => Assert.Equal(0, layout.Nodes.Single(p => p.Node.Equals(n)).Layer));
        int edgesFromChildren = layout.Nodes.Sum(n => n.Node.Children.Count);
        Assert.Equal(edgesFromChildren, layout.Edges.Count);
    }

    [Fact]
    public void Layout_keeps_crossings_out_of_the_two_branches()
    {
        (CompNode l, CompNode[] named) = ManualTraversalGraph();

        GraphLayout layout = GraphLayout.Compute(l);

        // The x branch (x_p, I_x, g_x) and the y branch stay on their own sides of the add node.
        double Pos(CompNode n) => layout.Nodes.Single(p => p.Node.Equals(n)).Position;
        Assert.Equal(Math.Sign(Pos(named[4]) - Pos(named[5])), Math.Sign(Pos(named[2]) - Pos(named[3])));
    }

    [Fact]
    public void A_large_graph_is_capped_to_the_nodes_nearest_the_output()
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(5), 100);
        CompNode loss = DistanceLoss.Graph(new CompNode(0.3), new CompNode(0.3), xs, ys);

        GraphLayout layout = GraphLayout.Compute(loss, maxNodes: 300);
        GenericChart chart = AutogradCharts.ComputationGraph(loss, maxNodes: 300);

        Assert.Equal(905, layout.TotalCount);
        Assert.Equal(300, layout.Nodes.Count);
        Assert.Equal(605, layout.HiddenCount);
        Assert.Contains(layout.Nodes, n => n.HasHiddenChildren);
        Assert.All(layout.Edges, e => Assert.True(layout.Nodes[e.From].Layer < layout.Nodes[e.To].Layer));
        Assert.Contains("showing the 300 of 905 nodes", Json(chart).GetProperty("layout").GetProperty("title").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Computation_graph_chart_has_a_node_per_node_and_an_edge_per_child()
    {
        (CompNode l, _) = ManualTraversalGraph();
        l.Backward();

        JsonElement json = Json(AutogradCharts.ComputationGraph(l));
        JsonElement[] traces = [.. json.GetProperty("data").EnumerateArray()];

        Assert.Equal(2, traces.Length);
        JsonElement nodes = traces[1];
        Assert.Equal(10, nodes.GetProperty("x").GetArrayLength());
        string[] labels = [.. nodes.GetProperty("text").EnumerateArray().Select(t => t.GetString()!)];
        Assert.Equal("power 0.5", labels[^1]);
        Assert.Equal(2, labels.Count(t => t == "power 2"));
        Assert.Equal(2, labels.Count(t => t == "sub"));
        Assert.Contains(nodes.GetProperty("hovertext").EnumerateArray(), h => h.GetString()!.Contains("grad -0.7884", StringComparison.Ordinal));
        int segments = traces[0].GetProperty("x").EnumerateArray().Count(v => v.ValueKind == JsonValueKind.Null);
        Assert.Equal(9, segments);
        Assert.Equal(9, json.GetProperty("layout").GetProperty("annotations").GetArrayLength());
    }

    [Fact]
    public void Backward_steps_chart_has_a_slider_step_per_backward_prop_and_leaves_the_gradients_of_backward()
    {
        (CompNode l, CompNode[] named) = ManualTraversalGraph();

        JsonElement json = Json(AutogradCharts.BackwardSteps(l));

        JsonElement steps = json.GetProperty("layout").GetProperty("sliders")[0].GetProperty("steps");
        Assert.Equal(11, steps.GetArrayLength());
        string[] first = [.. steps[0].GetProperty("args")[0].GetProperty("text")[0].EnumerateArray().Select(t => t.GetString()!)];
        string[] last = [.. steps[10].GetProperty("args")[0].GetProperty("text")[0].EnumerateArray().Select(t => t.GetString()!)];
        Assert.Single(first, t => t.Contains("grad", StringComparison.Ordinal));
        Assert.All(last, t => Assert.Contains("grad", t, StringComparison.Ordinal));
        Assert.Equal("restyle", steps[1].GetProperty("method").GetString());
        Assert.Equal(-0.7884289557292833, named[6].Grad);
        Assert.Equal(0.6151258259637875, named[7].Grad);
    }

    [Fact]
    public void Backward_steps_refuses_a_graph_too_large_to_read()
    {
        CompNode node = new(1);
        for (int i = 0; i < 40; i++)
        {
            node += 1.0;
        }

        ArgumentException e = Assert.Throws<ArgumentException>(() => AutogradCharts.BackwardSteps(node));
        Assert.Contains("81 nodes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loss_curve_has_a_line_per_learning_rate_and_the_optimum()
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(5), 100);

        JsonElement[] traces = [.. Json(AutogradCharts.LossCurve(xs, ys, [0.05, 0.2], steps: 30)).GetProperty("data").EnumerateArray()];

        Assert.Equal(3, traces.Length);
        Assert.Equal(31, traces[0].GetProperty("y").GetArrayLength());
        Assert.Equal(0.5031831004924388, traces[0].GetProperty("y")[0].GetDouble(), 1e-15);
        GeometricMedianResult median = GeometricMedian.Solve(xs, ys);
        Assert.Equal(DistanceLoss.Loss(median.X, median.Y, xs, ys), traces[2].GetProperty("y")[0].GetDouble());
        Assert.StartsWith("optimum", traces[2].GetProperty("name").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Descent_path_chart_has_contour_points_path_and_median()
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(5), 100);

        JsonElement[] traces = [.. Json(AutogradCharts.DescentPath(xs, ys, steps: 40, gridSize: 30)).GetProperty("data").EnumerateArray()];

        Assert.Equal(["contour", "scatter", "scatter", "scatter"], traces.Select(t => t.GetProperty("type").GetString()));
        Assert.Equal(30, traces[0].GetProperty("z").GetArrayLength());
        Assert.Equal(100, traces[1].GetProperty("x").GetArrayLength());
        Assert.Equal(41, traces[2].GetProperty("x").GetArrayLength());
        Assert.Equal(0.3, traces[2].GetProperty("x")[0].GetDouble());
    }

    [Fact]
    public void Autograd_minus_closed_form_is_tiny_but_not_all_zero()
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(5), 100);

        JsonElement[] traces = [.. Json(AutogradCharts.AutogradVsClosedForm(xs, ys, steps: 50)).GetProperty("data").EnumerateArray()];

        double[] differences = [.. traces.SelectMany(t => t.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()))];
        Assert.Equal(102, differences.Length);
        Assert.All(differences, d => Assert.True(Math.Abs(d) < 1e-15));
        Assert.Contains(differences, d => d != 0);
    }

    [Fact]
    public void A_standalone_page_embeds_plotly_and_loads_nothing()
    {
        (CompNode l, _) = ManualTraversalGraph();

        string html = ChartPage.ToStandaloneHtml(AutogradCharts.ComputationGraph(l));

        Assert.Contains("plotly.js v2.28.0", html, StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script[^>]+src=", html);
        Assert.DoesNotMatch("<link[^>]+href=", html);
    }

    [Fact]
    public void Saving_a_page_replaces_it_whole_and_leaves_no_temporary_file()
    {
        string dir = Directory.CreateTempSubdirectory("charts").FullName;
        string path = Path.Combine(dir, "graph.html");
        File.WriteAllText(path, "old");
        (CompNode l, _) = ManualTraversalGraph();

        ChartPage.Save(AutogradCharts.ComputationGraph(l), path);

        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(["graph.html"], Directory.GetFiles(dir).Select(Path.GetFileName));
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>The lecture's manual-traversal graph: l, M, g_x, g_y, I_x, I_y, x_p, y_p.</summary>
    internal static (CompNode Root, CompNode[] Named) ManualTraversalGraph()
    {
        CompNode xp = new(0.3), yp = new(0.3);
        CompNode ix = xp - 0.6308651620035047, iy = yp - 0.04186170538118772;
        CompNode gx = ix.Pow(2), gy = iy.Pow(2);
        CompNode m = gx + gy;
        CompNode l = m.Pow(0.5);
        return (l, [l, m, gx, gy, ix, iy, xp, yp]);
    }

    private static JsonElement Json(GenericChart chart) => JsonDocument.Parse(GenericChart.toJson(chart)).RootElement;
}
