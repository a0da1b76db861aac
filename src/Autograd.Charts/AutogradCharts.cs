using System.Globalization;
using Plotly.NET;

namespace Autograd.Charts;

/// <summary>
/// Plotly.NET charts for the lecture: the computation graph, the backward pass step by step, the
/// loss curve of gradient descent, its path over the loss surface, and autograd against the
/// closed form along that path.
/// </summary>
/// <remarks>
/// The charts are plain <see cref="GenericChart"/> values: a notebook displays them (with
/// Plotly.NET.Interactive), <see cref="ChartPage"/> writes them as standalone pages, and Plotly.NET's
/// own functions restyle them. Traces and layouts are written in plotly.js's own vocabulary.
/// </remarks>
public static class AutogradCharts
{
    private const string InputColor = "#9ecae1";
    private const string OperationColor = "#fdd0a2";
    private const string OutputColor = "#fd8d3c";
    private const string DoneColor = "#c7e9c0";
    private const string CurrentColor = "#e6550d";
    private const string FilledColor = "#fee391";
    private const string WaitingColor = "#e0e0e0";
    private const int MaxLabelledNodes = 80;

    /// <summary>
    /// The computation graph ending in <paramref name="root"/>, laid out in layers (inputs on the
    /// left, the output on the right, see <see cref="GraphLayout"/>). Each node is labelled with its
    /// operation; hovering shows its value and gradient. Edges point the way data flows. A graph
    /// larger than <paramref name="maxNodes"/> shows the nodes nearest the output, and says so in
    /// the title.
    /// </summary>
    public static GenericChart ComputationGraph(CompNode root, int maxNodes = 300, string? title = null)
    {
        GraphLayout layout = GraphLayout.Compute(root, maxNodes);
        string heading = title ?? "Computation graph";
        if (layout.HiddenCount > 0)
        {
            heading += $"<br><sub>showing the {layout.Nodes.Count} of {layout.TotalCount} nodes nearest the output; hover a node for its operation, value and gradient</sub>";
        }

        string[] colors = [.. layout.Nodes.Select((n, i) => NodeColor(n, i == layout.Nodes.Count - 1))];
        Trace2D nodes = NodeTrace(layout, colors, [.. layout.Nodes.Select(Label)]);
        return Assemble(layout, [EdgeTrace(layout), nodes], heading, extraLayout: null);
    }

    /// <summary>
    /// The backward pass one step at a time, for a class to walk through: a slider whose step k
    /// shows the graph after the first k <see cref="CompNode.BackwardProp"/> calls in reverse
    /// topological order, the node just processed highlighted and each gradient shown once it has
    /// been filled. This runs the backward pass on the graph (after <see cref="CompNode.ZeroGrad"/>),
    /// which is left as <see cref="CompNode.Backward"/> on a fresh graph would leave it.
    /// </summary>
    /// <exception cref="ArgumentException">The graph has more than <paramref name="maxNodes"/> nodes (a slider step per node would not be readable).</exception>
    public static GenericChart BackwardSteps(CompNode root, int maxNodes = 60)
    {
        ArgumentNullException.ThrowIfNull(root);
        GraphLayout layout = GraphLayout.Compute(root, int.MaxValue);
        if (layout.Nodes.Count > maxNodes)
        {
            throw new ArgumentException(
                $"The graph has {layout.Nodes.Count} nodes; a step-by-step backward chart is readable up to {maxNodes} (raise maxNodes, or draw it with ComputationGraph).",
                nameof(root));
        }

        int count = layout.Nodes.Count;
        var indexOf = new Dictionary<CompNode, int>();
        for (int i = 0; i < count; i++)
        {
            indexOf[layout.Nodes[i].Node] = i;
        }

        root.ZeroGrad();
        root.Grad = 1;
        var filled = new bool[count];
        var done = new bool[count];
        filled[count - 1] = true;
        var frames = new List<(string[] Colors, string[] Texts, string Label)>();
        void Snapshot(int current)
        {
            var colors = new string[count];
            var texts = new string[count];
            for (int i = 0; i < count; i++)
            {
                colors[i] = i == current ? CurrentColor : done[i] ? DoneColor : filled[i] ? FilledColor : WaitingColor;
                CompNode node = layout.Nodes[i].Node;
                texts[i] = filled[i] ? $"{ShortOp(node)}<br>grad {Number(node.Grad)}" : ShortOp(node);
            }

            string label = current < 0 ? "start" : $"{frames.Count}: {ShortOp(layout.Nodes[current].Node)}";
            frames.Add((colors, texts, label));
        }

        Snapshot(-1);
        for (int i = count - 1; i >= 0; i--)
        {
            CompNode node = layout.Nodes[i].Node;
            node.BackwardProp();
            done[i] = true;
            foreach (CompNode child in node.Children)
            {
                filled[indexOf[child]] = true;
            }

            Snapshot(i);
        }

        Trace2D nodes = NodeTrace(layout, frames[0].Colors, frames[0].Texts);
        object[] steps = [.. frames.Select(f => new
        {
            label = f.Label,
            method = "restyle",
            args = new object[] { new Dictionary<string, object> { ["marker.color"] = new object[] { f.Colors }, ["text"] = new object[] { f.Texts } }, new[] { 1 } },
        })];
        var slider = new
        {
            active = 0,
            currentvalue = new { prefix = "BackwardProp() calls: " },
            pad = new { t = 40 },
            steps,
        };
        return Assemble(layout, [EdgeTrace(layout), nodes], "The backward pass, one BackwardProp() at a time", new Dictionary<string, object> { ["sliders"] = new[] { slider } });
    }

    /// <summary>
    /// The loss per step of gradient descent from <c>(x0, y0)</c> on the points, one line per
    /// learning rate, with the optimum (the loss at the geometric median) as a dashed reference line.
    /// </summary>
    public static GenericChart LossCurve(IReadOnlyList<double> xs, IReadOnlyList<double> ys, IReadOnlyList<double> learningRates, int steps = 100, double x0 = 0.3, double y0 = 0.3)
    {
        ArgumentNullException.ThrowIfNull(learningRates);
        if (learningRates.Count == 0)
        {
            throw new ArgumentException("At least one learning rate is needed.", nameof(learningRates));
        }

        GeometricMedianResult median = GeometricMedian.Solve(xs, ys);
        double optimum = DistanceLoss.Loss(median.X, median.Y, xs, ys);
        var traces = new List<Trace>();
        foreach (double rate in learningRates)
        {
            IReadOnlyList<DescentStep> path = GradientDescent.Run(xs, ys, x0, y0, rate, steps);
            traces.Add(Line([.. path.Select(p => (double)p.Step)], [.. path.Select(p => p.Loss)], $"learning rate {Number(rate)}", "lines"));
        }

        Trace2D reference = Line([0, steps], [optimum, optimum], $"optimum {optimum:F6} (geometric median)", "lines");
        reference.SetProperty("line", new { dash = "dash", color = "black" });
        traces.Add(reference);
        var layout = new Dictionary<string, object>
        {
            ["title"] = new { text = "Gradient descent on the mean distance" },
            ["xaxis"] = new { title = new { text = "step" } },
            ["yaxis"] = new { title = new { text = "loss" } },
        };
        return Build(traces, layout);
    }

    /// <summary>
    /// The points, the loss as a contour over the unit square, the path of <c>(x_p, y_p)</c> under
    /// gradient descent and the geometric median it heads for.
    /// </summary>
    public static GenericChart DescentPath(IReadOnlyList<double> xs, IReadOnlyList<double> ys, double learningRate = 0.1, int steps = 100, double x0 = 0.3, double y0 = 0.3, int gridSize = 60)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gridSize, 2);
        IReadOnlyList<DescentStep> path = GradientDescent.Run(xs, ys, x0, y0, learningRate, steps);
        GeometricMedianResult median = GeometricMedian.Solve(xs, ys);
        double[] grid = [.. Enumerable.Range(0, gridSize).Select(i => i / (double)(gridSize - 1))];
        double[][] z = [.. grid.Select(gy => grid.Select(gx => DistanceLoss.Loss(gx, gy, xs, ys)).ToArray())];

        var contour = new Trace2D("contour");
        contour.SetProperty("x", grid);
        contour.SetProperty("y", grid);
        contour.SetProperty("z", z);
        contour.SetProperty("name", "loss");
        contour.SetProperty("colorscale", "Viridis");
        contour.SetProperty("opacity", 0.75);
        contour.SetProperty("colorbar", new { title = new { text = "loss" } });

        Trace2D points = Line([.. xs], [.. ys], "data points", "markers");
        points.SetProperty("marker", new { color = "white", size = 6, line = new { color = "black", width = 1 } });
        Trace2D walk = Line([.. path.Select(p => p.X)], [.. path.Select(p => p.Y)], $"descent path (learning rate {Number(learningRate)})", "lines+markers");
        walk.SetProperty("marker", new { color = "red", size = 4 });
        walk.SetProperty("line", new { color = "red" });
        Trace2D best = Line([median.X], [median.Y], "geometric median", "markers");
        best.SetProperty("marker", new { symbol = "star", size = 16, color = "gold", line = new { color = "black", width = 1 } });
        var layout = new Dictionary<string, object>
        {
            ["title"] = new { text = "Descent over the loss surface" },
            ["xaxis"] = new { title = new { text = "x_p" }, range = new[] { 0.0, 1.0 } },
            ["yaxis"] = new { title = new { text = "y_p" }, range = new[] { 0.0, 1.0 }, scaleanchor = "x" },
            ["legend"] = new { orientation = "h" },
        };
        return Build([contour, points, walk, best], layout);
    }

    /// <summary>
    /// Autograd's gradient minus the closed-form gradient at every step of the descent path: about
    /// 1e-16, not 0, because the two add the same terms in a different order.
    /// </summary>
    public static GenericChart AutogradVsClosedForm(IReadOnlyList<double> xs, IReadOnlyList<double> ys, double learningRate = 0.1, int steps = 100, double x0 = 0.3, double y0 = 0.3)
    {
        IReadOnlyList<DescentStep> path = GradientDescent.Run(xs, ys, x0, y0, learningRate, steps);
        double[] step = [.. path.Select(p => (double)p.Step)];
        var layout = new Dictionary<string, object>
        {
            ["title"] = new { text = "Autograd minus closed form along the descent path" },
            ["xaxis"] = new { title = new { text = "step" } },
            ["yaxis"] = new { title = new { text = "difference" }, exponentformat = "e" },
        };
        return Build(
            [
                Line(step, [.. path.Select(p => p.GradX - p.ClosedGradX)], "d/dx_p", "lines+markers"),
                Line(step, [.. path.Select(p => p.GradY - p.ClosedGradY)], "d/dy_p", "lines+markers"),
            ],
            layout);
    }

    private static GenericChart Assemble(GraphLayout layout, Trace[] traces, string heading, Dictionary<string, object>? extraLayout)
    {
        var arrows = new List<object>();
        if (layout.Edges.Count <= 200)
        {
            foreach ((int from, int to) in layout.Edges)
            {
                LaidOutNode a = layout.Nodes[from], b = layout.Nodes[to];

                // The arrow lies on the edge's line, stopping short of both markers.
                double f = 0.12 / (b.Layer - a.Layer);
                double dx = b.Layer - a.Layer, dy = b.Position - a.Position;
                arrows.Add(new
                {
                    x = b.Layer - (f * dx),
                    y = b.Position - (f * dy),
                    ax = a.Layer + (f * dx),
                    ay = a.Position + (f * dy),
                    xref = "x",
                    yref = "y",
                    axref = "x",
                    ayref = "y",
                    showarrow = true,
                    arrowhead = 2,
                    arrowsize = 1.2,
                    arrowcolor = "#888",
                    text = string.Empty,
                });
            }
        }

        int tallest = layout.Nodes.Count == 0 ? 1 : layout.Nodes.GroupBy(n => n.Layer).Max(g => g.Count());
        double low = layout.Nodes.Count == 0 ? 0 : layout.Nodes.Min(n => n.Position);
        double high = layout.Nodes.Count == 0 ? 0 : layout.Nodes.Max(n => n.Position);
        var hiddenX = new { showgrid = false, zeroline = false, showticklabels = false };
        var hiddenY = new { showgrid = false, zeroline = false, showticklabels = false, range = new[] { low - 0.8, high + 0.8 } };
        var settings = new Dictionary<string, object>
        {
            ["title"] = new { text = heading },
            ["showlegend"] = false,
            ["hovermode"] = "closest",
            ["xaxis"] = hiddenX,
            ["yaxis"] = hiddenY,
            ["height"] = Math.Clamp(120 + (60 * tallest), 360, 900),
            ["annotations"] = arrows,
            ["plot_bgcolor"] = "white",
        };
        foreach (KeyValuePair<string, object> pair in extraLayout ?? [])
        {
            settings[pair.Key] = pair.Value;
        }

        return Build(traces, settings);
    }

    private static Trace2D EdgeTrace(GraphLayout layout)
    {
        var x = new List<double?>();
        var y = new List<double?>();
        foreach ((int from, int to) in layout.Edges)
        {
            x.AddRange([layout.Nodes[from].Layer, layout.Nodes[to].Layer, null]);
            y.AddRange([layout.Nodes[from].Position, layout.Nodes[to].Position, null]);
        }

        var edges = new Trace2D("scatter");
        edges.SetProperty("mode", "lines");
        edges.SetProperty("name", "edges");
        edges.SetProperty("x", x);
        edges.SetProperty("y", y);
        edges.SetProperty("hoverinfo", "skip");
        edges.SetProperty("line", new { color = "#bbb", width = 1 });
        return edges;
    }

    private static Trace2D NodeTrace(GraphLayout layout, string[] colors, string[] texts)
    {
        // Past a few dozen nodes, labels would overlap: the markers stay and hovering names them.
        bool labelled = layout.Nodes.Count <= MaxLabelledNodes;
        var nodes = new Trace2D("scatter");
        nodes.SetProperty("mode", labelled ? "markers+text" : "markers");
        nodes.SetProperty("name", "nodes");
        nodes.SetProperty("x", layout.Nodes.Select(n => (double)n.Layer).ToArray());
        nodes.SetProperty("y", layout.Nodes.Select(n => n.Position).ToArray());
        nodes.SetProperty("text", texts);
        nodes.SetProperty("textposition", "top center");
        nodes.SetProperty("hovertext", layout.Nodes.Select(n => $"{n.Node.Op}{(n.HasHiddenChildren ? " (inputs not shown)" : string.Empty)}<br>val {Number(n.Node.Val)}<br>grad {Number(n.Node.Grad)}").ToArray());
        nodes.SetProperty("hoverinfo", "text");
        nodes.SetProperty("marker", new { size = labelled ? 18 : 9, color = colors, line = new { color = "#555", width = 1 } });
        return nodes;
    }

    private static Trace2D Line(double[] x, double[] y, string name, string mode)
    {
        var trace = new Trace2D("scatter");
        trace.SetProperty("mode", mode);
        trace.SetProperty("name", name);
        trace.SetProperty("x", x);
        trace.SetProperty("y", y);
        return trace;
    }

    private static GenericChart Build(IEnumerable<Trace> traces, Dictionary<string, object> settings)
    {
        var layout = new Layout();
        foreach (KeyValuePair<string, object> pair in settings)
        {
            layout.SetProperty(pair.Key, pair.Value);
        }

        return GenericChart.addLayout(layout, GenericChart.ofTraceObjects(false, traces));
    }

    private static string NodeColor(LaidOutNode node, bool isOutput) =>
        isOutput ? OutputColor : node.Node.IsLeaf ? InputColor : OperationColor;

    private static string Label(LaidOutNode node) => (node.HasHiddenChildren ? "… " : string.Empty) + ShortOp(node.Node);

    private static string ShortOp(CompNode node) => node.IsLeaf ? Number(node.Val) : node.Op;

    private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
