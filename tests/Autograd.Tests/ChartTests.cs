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

        GraphLayout layout = GraphLayout.Compute(DrawnGraph.Read(l, NodeAdapter.CompNode));

        Assert.Equal(10, layout.Nodes.Count);
        Assert.Equal(5, layout.LayerCount);
        Assert.Same(l, layout.Nodes[^1].Node.Source);
        Assert.Equal(4, layout.Nodes[^1].Layer);
        Assert.Equal(9, layout.Edges.Count);
        foreach ((int from, int to) in layout.Edges)
        {
            Assert.True(layout.Nodes[from].Layer < layout.Nodes[to].Layer);
            Assert.Contains((CompNode)layout.Nodes[from].Node.Source!, ((CompNode)layout.Nodes[to].Node.Source!).Children);
        }

        Assert.All(named[6..], n => Assert.Equal(0, layout.Nodes.Single(p => ReferenceEquals(p.Node.Source, n)).Layer));
    }

    [Fact]
    public void Layout_keeps_crossings_out_of_the_two_branches()
    {
        (CompNode l, CompNode[] named) = ManualTraversalGraph();

        GraphLayout layout = GraphLayout.Compute(DrawnGraph.Read(l, NodeAdapter.CompNode));

        // The x branch (x_p, I_x, g_x) and the y branch stay on their own sides of the add node.
        double Pos(CompNode n) => layout.Nodes.Single(p => ReferenceEquals(p.Node.Source, n)).Position;
        Assert.Equal(Math.Sign(Pos(named[4]) - Pos(named[5])), Math.Sign(Pos(named[2]) - Pos(named[3])));
    }

    [Fact]
    public void Graph_records_show_name_value_and_gradient_once_computed()
    {
        (CompNode l, _) = LectureCharts.LabelledOnePointGraph();

        string[] before = RecordTexts(AutogradCharts.ComputationGraph(l));
        l.Backward();
        string[] after = RecordTexts(AutogradCharts.ComputationGraph(l));

        Assert.Equal(10, after.Length);
        Assert.Contains("<b>x_p</b><br>val 0.3000<br>grad -0.7884", after);
        Assert.Contains("<b>y_p</b><br>val 0.3000<br>grad 0.6151", after);
        Assert.Contains("<b>l</b> · power 0.5<br>val 0.4197<br>grad 1.0000", after);
        Assert.Contains("<b>M</b> · add<br>val 0.1761<br>grad 1.1915", after);
        Assert.Contains("constant<br>val 0.6309<br>grad 0.7884", after);
        Assert.DoesNotContain(before, t => t.Contains("grad", StringComparison.Ordinal));
        Assert.Contains("<b>x_p</b><br>val 0.3000<br> ", before);
    }

    [Fact]
    public void Constants_variables_and_operations_are_drawn_apart_and_the_legend_says_how()
    {
        (CompNode l, _) = LectureCharts.LabelledOnePointGraph();

        JsonElement layout = Json(AutogradCharts.ComputationGraph(l)).GetProperty("layout");

        JsonElement[] boxes = [.. layout.GetProperty("shapes").EnumerateArray()];
        Assert.Equal(10, boxes.Length);
        Assert.Equal(2, boxes.Count(b => b.GetProperty("line").GetProperty("dash").GetString() == "dash"));
        Assert.Equal(2, boxes.Count(b => b.GetProperty("fillcolor").GetString() == "#9ecae1"));
        string[] texts = [.. layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()!)];
        Assert.Contains(texts, t => t.Contains("data constant", StringComparison.Ordinal) && t.Contains("variable", StringComparison.Ordinal) && t.Contains("operation", StringComparison.Ordinal));
        Assert.Equal(9, texts.Count(t => t.Length == 0));
    }

    [Fact]
    public void The_hundred_point_loss_is_drawn_as_one_block_the_others_summarised_and_the_shared_inputs()
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(5), 100);
        CompNode loss = DistanceLoss.Graph(new CompNode(0.3, "x_p"), new CompNode(0.3, "y_p"), xs, ys);
        loss.Backward();

        JsonElement layout = Json(AutogradCharts.ComputationGraph(loss)).GetProperty("layout");
        string[] texts = [.. layout.GetProperty("annotations").EnumerateArray().Select(a => Plain(a.GetProperty("text").GetString()!)).Where(t => t.Length > 0)];

        Assert.Equal(15, layout.GetProperty("shapes").GetArrayLength());
        Assert.Contains(texts, t => t.StartsWith("<b>x_p</b><br>val 0.3000<br>grad -0.2825", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("<b>y_p</b><br>val 0.3000<br>grad -0.5340", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("<b>× 99 more</b>", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("<b>add × 100</b>", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("905 nodes, drawn as 15 records:", StringComparison.Ordinal));
        Assert.Equal(4, texts.Count(t => t.StartsWith("constant", StringComparison.Ordinal)));
    }

    [Fact]
    public void Named_blocks_fold_like_unnamed_ones()
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(5), 20);
        CompNode xp = new(0.3, "x_p"), yp = new(0.3, "y_p");
        CompNode loss = 0.0;
        for (int i = 0; i < xs.Length; i++)
        {
            CompNode ix = xp - xs[i], iy = yp - ys[i];
            CompNode gx = ix.Pow(2), gy = iy.Pow(2);
            CompNode m = gx + gy;
            CompNode l = m.Pow(0.5);
            (ix.Label, iy.Label, gx.Label, gy.Label, m.Label, l.Label) = ("I_x", "I_y", "g_x", "g_y", "M", "l");
            loss += l;
        }

        string[] texts = RecordTexts(AutogradCharts.ComputationGraph(1.0 / xs.Length * loss));

        Assert.Contains(texts, t => t.StartsWith("<b>× 19 more</b>", StringComparison.Ordinal));
        Assert.Single(texts, t => t.StartsWith("<b>M</b> · add", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("<b>add × 20</b>", StringComparison.Ordinal));
        Assert.Equal(15, texts.Length);
    }

    [Fact]
    public void Backward_steps_walk_the_lecture_s_manual_order_and_print_its_lines()
    {
        (CompNode l, _) = LectureCharts.LabelledOnePointGraph();
        var printed = new List<string>();
        var adapter = new NodeAdapter<CompNode>(n => n.Children, n => n.Val, n => n.Grad, n => n.Op, n => n.Label, n =>
        {
            n.BackwardProp();
            printed.Add($"{printed.Count} {n}");
        })
        {
            SetGrad = (n, g) => n.Grad = g,
        };

        JsonElement steps = Json(AutogradCharts.BackwardSteps(l, adapter)).GetProperty("layout").GetProperty("sliders")[0].GetProperty("steps");

        Assert.Equal(LectureLines.ManualTraversal, printed);
        Assert.Equal(["start", "1: l", "2: M", "3: g_x", "4: g_y", "5: I_x", "6: I_y", "7: x_p", "8: y_p"], steps.EnumerateArray().Select(s => s.GetProperty("label").GetString()));
    }

    [Fact]
    public void Each_backward_step_says_what_it_added_with_the_lecture_s_numbers()
    {
        (CompNode l, CompNode[] named) = LectureCharts.LabelledOnePointGraph();

        string[] captions = [.. Json(AutogradCharts.BackwardSteps(l)).GetProperty("layout").GetProperty("sliders")[0].GetProperty("steps")
            .EnumerateArray().Select(s => Caption(s.GetProperty("args")[0].GetProperty("annotations")))];

        Assert.Equal(9, captions.Length);
        Assert.Equal("Start: l.grad = 1 (dl/dl); every other gradient is 0.<br>Then one BackwardProp() per step, output to inputs: 8 steps.<br>The 2 data constants are leaves, nothing to pass on: no step.", captions[0]);
        Assert.Equal("Step 1 of 8: l.BackwardProp(), power 0.5, with l.grad = 1:<br>M.grad += 1 × 0.5 × M^-0.5 = 1.1915", captions[1]);
        Assert.Equal("Step 2 of 8: M.BackwardProp(), add, with M.grad = 1.1915:<br>g_x.grad += 1.1915 × 1 = 1.1915<br>g_y.grad += 1.1915 × 1 = 1.1915", captions[2]);
        Assert.Equal("Step 3 of 8: g_x.BackwardProp(), power 2, with g_x.grad = 1.1915:<br>I_x.grad += 1.1915 × 2 × I_x^1 = -0.7884", captions[3]);
        Assert.Equal("Step 4 of 8: g_y.BackwardProp(), power 2, with g_y.grad = 1.1915:<br>I_y.grad += 1.1915 × 2 × I_y^1 = 0.6151", captions[4]);
        Assert.Equal("Step 5 of 8: I_x.BackwardProp(), sub, with I_x.grad = -0.7884:<br>x_p.grad += -0.7884 × 1 = -0.7884<br>(0.6309).grad += -0.7884 × (-1) = 0.7884", captions[5]);
        Assert.Equal("Step 6 of 8: I_y.BackwardProp(), sub, with I_y.grad = 0.6151:<br>y_p.grad += 0.6151 × 1 = 0.6151<br>(0.0419).grad += 0.6151 × (-1) = -0.6151", captions[6]);
        Assert.Equal("Step 7 of 8: x_p.BackwardProp() does nothing:<br>a leaf has nothing to pass on; x_p.grad = -0.7884 is dl/dx_p.", captions[7]);
        Assert.Equal("Step 8 of 8: y_p.BackwardProp() does nothing:<br>a leaf has nothing to pass on; y_p.grad = 0.6151 is dl/dy_p.", captions[8]);
        Assert.Equal(-0.7884289557292833, named[6].Grad);
        Assert.Equal(0.6151258259637875, named[7].Grad);
        Assert.Equal(1.1914656577245382, named[1].Grad);
    }

    [Fact]
    public void Backward_steps_colour_the_node_that_just_ran_and_explain_the_colours()
    {
        (CompNode l, _) = LectureCharts.LabelledOnePointGraph();

        JsonElement steps = Json(AutogradCharts.BackwardSteps(l)).GetProperty("layout").GetProperty("sliders")[0].GetProperty("steps");

        string[] Fills(int k) => [.. steps[k].GetProperty("args")[0].GetProperty("shapes").EnumerateArray().Select(s => s.GetProperty("fillcolor").GetString()!)];
        Assert.Equal(1, Fills(0).Count(f => f == "#fee391"));
        Assert.Equal(9, Fills(0).Count(f => f == "#e8e8e8"));
        Assert.Equal(1, Fills(2).Count(f => f == "#fd8d3c"));
        Assert.All(Fills(8)[..^1].Append(Fills(8)[^1]), f => Assert.True(f is "#a1d99b" or "#fd8d3c"));
        string[] texts = [.. steps[0].GetProperty("args")[0].GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()!)];
        Assert.Contains(texts, t => t.Contains("no grad yet", StringComparison.Ordinal) && t.Contains("just ran", StringComparison.Ordinal) && t.Contains("passed it on", StringComparison.Ordinal));
    }

    [Fact]
    public void A_node_class_written_in_a_notebook_is_drawn_and_walked_like_comp_node()
    {
        LectureNode l = LectureNode.OnePointGraph();
        (CompNode c, _) = LectureCharts.LabelledOnePointGraph();

        JsonElement mine = Json(AutogradCharts.BackwardSteps(l, NodeAdapter.ByConvention<LectureNode>()));
        JsonElement theirs = Json(AutogradCharts.BackwardSteps(c));
        string[] after = RecordTexts(AutogradCharts.ComputationGraph(l, NodeAdapter.ByConvention<LectureNode>()));

        Assert.Equal(theirs.GetProperty("layout").GetProperty("sliders").GetRawText(), mine.GetProperty("layout").GetProperty("sliders").GetRawText());
        Assert.Contains("<b>x_p</b><br>val 0.3000<br>grad -0.7884", after);
        Assert.Equal(10, after.Length);
        LectureNode xp = l.Children[0].Children[0].Children[0].Children[0];
        Assert.Equal("x_p", xp.Label);
        Assert.Equal(-0.7884289557292833, xp.Grad);
    }

    [Fact]
    public void An_adapter_made_of_functions_draws_any_class()
    {
        LectureNode l = LectureNode.OnePointGraph();
        var adapter = new NodeAdapter<LectureNode>(n => n.Children, n => n.Val, n => n.Grad, n => n.Op);

        string[] texts = RecordTexts(AutogradCharts.ComputationGraph(l, adapter, title: "no labels"));

        Assert.Contains("<b>power 0.5</b><br>val 0.4197<br> ", texts);
        Assert.Equal(4, texts.Count(t => t.StartsWith("<b>leaf</b>", StringComparison.Ordinal)));
        ArgumentException e = Assert.Throws<ArgumentException>(() => AutogradCharts.BackwardSteps(l, adapter));
        Assert.Contains("backwardProp", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_names_a_leaf_is_not_guessed_to_be_a_constant_and_every_leaf_gets_a_step()
    {
        (CompNode l, _) = ManualTraversalGraph();
        CompNode shared = new(2.0);
        CompNode product = shared * new CompNode(3.0) + shared;

        string[] lecture = RecordTexts(AutogradCharts.ComputationGraph(l));
        string[] sharing = RecordTexts(AutogradCharts.ComputationGraph(product));
        JsonElement steps = Json(AutogradCharts.BackwardSteps(l)).GetProperty("layout").GetProperty("sliders")[0].GetProperty("steps");

        Assert.Equal(4, lecture.Count(t => t.StartsWith("<b>leaf</b>", StringComparison.Ordinal)));
        Assert.DoesNotContain(lecture, t => t.StartsWith("constant", StringComparison.Ordinal));
        Assert.Single(sharing, t => t.StartsWith("<b>leaf</b><br>val 2.0000", StringComparison.Ordinal));
        Assert.Single(sharing, t => t.StartsWith("<b>leaf</b><br>val 3.0000", StringComparison.Ordinal));
        Assert.Equal(11, steps.GetArrayLength());
    }

    [Fact]
    public void Random_graphs_of_any_size_lay_out_left_to_right_and_fold_without_losing_the_output()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 40; trial++)
        {
            var pool = new List<CompNode> { new(random.NextDouble(), "a"), new(random.NextDouble()) };
            int size = random.Next(3, 400);
            while (pool.Count < size)
            {
                CompNode x = pool[random.Next(pool.Count)], y = pool[random.Next(pool.Count)];
                pool.Add(random.Next(4) switch
                {
                    0 => x + y,
                    1 => x * random.NextDouble(),
                    2 => x.Pow(2),
                    _ => x - y,
                });
            }

            CompNode root = pool[^1];
            root.Backward();
            DrawnGraph graph = DrawnGraph.Read(root, NodeAdapter.CompNode);
            DrawnGraph drawn = graph.Nodes.Count > 60 ? graph.Fold().NearestToOutput(300) : graph;
            GraphLayout layout = GraphLayout.Compute(drawn);

            Assert.Equal(root.TopoSort().Count, graph.TotalCount);
            Assert.True(drawn.Nodes.Count <= Math.Min(graph.TotalCount, 300));
            Assert.Same(root, drawn.Nodes[^1].Source);  // the output stays last (a folded chain keeps its top)
            Assert.All(layout.Edges, e => Assert.True(layout.Nodes[e.From].Layer < layout.Nodes[e.To].Layer));
            Assert.All(layout.Nodes, n => Assert.Equal(1, layout.Nodes.Count(m => m.Layer == n.Layer && m.Position == n.Position)));
            _ = AutogradCharts.ComputationGraph(root);
        }
    }

    [Fact]
    public void By_convention_names_the_member_a_class_lacks()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(NodeAdapter.ByConvention<NodeWithoutGrad>);

        Assert.Contains("NodeWithoutGrad has no field or property named Grad", e.Message, StringComparison.Ordinal);
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
    public void Backward_steps_refuses_a_graph_too_deep_to_read()
    {
        CompNode node = new(1.0, "x");
        for (int i = 0; i < 5; i++)
        {
            node = (node * 0.5) + 1.0;
        }

        ArgumentException e = Assert.Throws<ArgumentException>(() => AutogradCharts.BackwardSteps(node));
        Assert.Contains("11 layers deep", e.Message, StringComparison.Ordinal);
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
    public void A_rate_that_overshoots_gets_its_own_panel_and_loss_axis()
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(5), 100);

        JsonElement json = Json(AutogradCharts.LossCurve(xs, ys, [0.02, 0.1, 0.5, 1.5], steps: 80));

        JsonElement[] traces = [.. json.GetProperty("data").EnumerateArray()];
        JsonElement overshoot = traces.Single(t => t.GetProperty("name").GetString() == "learning rate 1.5");
        Assert.Equal("y2", overshoot.GetProperty("yaxis").GetString());
        Assert.All(traces.Where(t => t.GetProperty("name").GetString()!.StartsWith("learning rate 0", StringComparison.Ordinal)), t => Assert.False(t.TryGetProperty("yaxis", out _)));
        double[] tail = [.. overshoot.GetProperty("y").EnumerateArray().Skip(70).Select(v => v.GetDouble())];
        Assert.All(tail, v => Assert.True(Math.Abs(v - 0.7062) < 5e-5 || Math.Abs(v - 0.7812) < 5e-5, $"{v} is not on the cycle"));
        JsonElement layout = json.GetProperty("layout");
        Assert.True(layout.GetProperty("yaxis2").GetProperty("domain")[1].GetDouble() < layout.GetProperty("yaxis").GetProperty("domain")[0].GetDouble());
    }

    [Fact]
    public void Descent_path_is_square_on_the_unit_square_and_draws_edge_points_whole()
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(5), 100);

        JsonElement json = Json(AutogradCharts.DescentPath(xs, ys, steps: 20, gridSize: 20));

        JsonElement layout = json.GetProperty("layout");
        Assert.Equal("x", layout.GetProperty("yaxis").GetProperty("scaleanchor").GetString());
        Assert.Equal("domain", layout.GetProperty("xaxis").GetProperty("constrain").GetString());
        Assert.Equal("domain", layout.GetProperty("yaxis").GetProperty("constrain").GetString());
        Assert.Equal([0.0, 1.0], layout.GetProperty("xaxis").GetProperty("range").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([0.0, 1.0], layout.GetProperty("yaxis").GetProperty("range").EnumerateArray().Select(v => v.GetDouble()));
        Assert.All(json.GetProperty("data").EnumerateArray().Skip(1), t => Assert.False(t.GetProperty("cliponaxis").GetBoolean()));
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
    public void A_standalone_page_embeds_plotly_loads_nothing_and_follows_its_window()
    {
        (CompNode l, _) = ManualTraversalGraph();

        string html = ChartPage.ToStandaloneHtml(AutogradCharts.ComputationGraph(l));

        Assert.Contains("plotly.js v2.28.0", html, StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot", html, StringComparison.Ordinal);
        Assert.Contains("\"responsive\":true", html, StringComparison.Ordinal);
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

    /// <summary>The lecture's manual-traversal graph, unnamed: l, M, g_x, g_y, I_x, I_y, x_p, y_p.</summary>
    internal static (CompNode Root, CompNode[] Named) ManualTraversalGraph()
    {
        CompNode xp = new(0.3), yp = new(0.3);
        CompNode ix = xp - 0.6308651620035047, iy = yp - 0.04186170538118772;
        CompNode gx = ix.Pow(2), gy = iy.Pow(2);
        CompNode m = gx + gy;
        CompNode l = m.Pow(0.5);
        return (l, [l, m, gx, gy, ix, iy, xp, yp]);
    }

    /// <summary>The records' texts: the annotations placed on data coordinates that have text.</summary>
    internal static string[] RecordTexts(GenericChart chart) =>
        [.. Json(chart).GetProperty("layout").GetProperty("annotations").EnumerateArray()
            .Where(a => a.GetProperty("xref").GetString() == "x" && a.GetProperty("text").GetString()!.Length > 0)
            .Select(a => Plain(a.GetProperty("text").GetString()!))];

    /// <summary>A text without its font spans (names are set in a typewriter face).</summary>
    private static string Plain(string text) => System.Text.RegularExpressions.Regex.Replace(text, "</?span[^>]*>", string.Empty);

    private static string Caption(JsonElement annotations) =>
        annotations.EnumerateArray().Select(a => a.GetProperty("text").GetString()!).Single(t => t.StartsWith("Step", StringComparison.Ordinal) || t.StartsWith("Start", StringComparison.Ordinal));

    private static JsonElement Json(GenericChart chart) => JsonDocument.Parse(GenericChart.toJson(chart)).RootElement;

    private sealed class NodeWithoutGrad
    {
        public double Val { get; set; }

        public List<NodeWithoutGrad> Children { get; } = [];

        public string Op { get; set; } = "assign";
    }
}
