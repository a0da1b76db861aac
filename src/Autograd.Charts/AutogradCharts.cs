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
/// own functions restyle them. Traces and layouts are written in plotly.js's own vocabulary. Every
/// text is at least 16 px and every chart follows its container's width, so a chart stays readable
/// on a projector at 1280x720.
/// </remarks>
public static class AutogradCharts
{
    // Past this many records, boxes would be too small to read: repetition is folded first.
    private const int MaxRecords = 60;
    private const int MaxRecordsPerLayer = 14;

    // Past this many layers, a record is narrower than its text on a 1280 px screen.
    private const int MaxRecordLayers = 9;

    /// <summary>The computation graph of a <see cref="CompNode"/>; see <see cref="ComputationGraph{TNode}"/>.</summary>
    public static GenericChart ComputationGraph(CompNode root, int maxNodes = 300, string? title = null) =>
        ComputationGraph(root, NodeAdapter.CompNode, maxNodes, title);

    /// <summary>
    /// The computation graph ending in <paramref name="root"/>, laid out in layers (inputs on the
    /// left, the output on the right) with a record per node, as micrograd's <c>draw_dot</c> draws
    /// them: its name and operation, its value with 4 decimals and, once a backward pass has run,
    /// its gradient, so the figure shows the lecture without hovering. Variables (named or shared
    /// leaves), data constants (numbers that became leaves, dashed), operations and the output
    /// each have their look, explained under the graph.
    /// </summary>
    /// <remarks>
    /// A graph of more than 60 nodes (or more than <paramref name="maxNodes"/>) is folded so that
    /// its structure shows: blocks of the same shape (one per data point of a loss) are drawn once
    /// in full plus one "× k more" record, and a chain of one operation (the running sum) becomes
    /// one record; the subtitle says what was folded. Past <paramref name="maxNodes"/> records, the
    /// ones nearest the output are kept.
    /// </remarks>
    public static GenericChart ComputationGraph<TNode>(TNode root, NodeAdapter<TNode> adapter, int maxNodes = 300, string? title = null)
        where TNode : class
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNodes, 1);
        DrawnGraph graph = DrawnGraph.Read(root, adapter);
        if (graph.Nodes.Count > Math.Min(maxNodes, MaxRecords))
        {
            graph = graph.Fold();
        }

        graph = graph.NearestToOutput(maxNodes);
        GraphLayout layout = GraphLayout.Compute(graph);
        bool hasGradients = graph.Nodes.Any(n => n.Grad != 0);
        var header = new List<string>();
        if (!graph.IsWhole)
        {
            header.Add($"{graph.TotalCount} nodes, drawn as {graph.Nodes.Count} records:");
            header.AddRange(graph.Notes.Select(n => "• " + n + "."));
        }

        if (!hasGradients)
        {
            header.Add("Every gradient is 0 until a backward pass runs.");
        }

        string heading = title ?? "Computation graph";
        if (graph.Nodes.Count > MaxRecords || layout.TallestLayer > MaxRecordsPerLayer || layout.LayerCount > MaxRecordLayers)
        {
            return MarkerGraph(layout, heading, header);
        }

        var figure = new GraphFigure(layout, header.Count, slider: false);
        int last = graph.Nodes.Count - 1;
        string[] fills = [.. graph.Nodes.Select((n, i) => GraphFigure.KindFill(n, i == last))];
        string[] texts = [.. graph.Nodes.Select(n => GraphFigure.RecordText(n, n.Grad, hasGradients))];
        var kinds = graph.Nodes.Select(n => n.Kind).ToHashSet();
        var entries = new List<string>();
        if (kinds.Contains(NodeKind.Variable))
        {
            entries.Add(ChartStyle.Swatch(ChartStyle.VariableLine, "variable (a named or shared leaf)"));
        }

        if (kinds.Contains(NodeKind.Constant))
        {
            entries.Add(ChartStyle.Swatch(ChartStyle.ConstantLine, "data constant (dashed)"));
        }

        if (kinds.Contains(NodeKind.Leaf))
        {
            entries.Add(ChartStyle.Swatch("#a6bddb", "leaf (name the variables to tell them from numbers)"));
        }

        entries.Add(ChartStyle.Swatch(ChartStyle.OperationFill, "operation"));
        entries.Add(ChartStyle.Swatch(ChartStyle.OutputFill, "output"));
        entries.Add("→ data flow");
        string legend = string.Join("    ", entries);
        Dictionary<string, object> settings = figure.Settings(figure.Shapes(fills), figure.Annotations(texts, header, legend), heading);
        return Build([figure.EdgeTrace(), figure.HoverTrace([.. graph.Nodes.Select(n => n.Grad)])], settings, modeBar: false);
    }

    /// <summary>The backward pass of a <see cref="CompNode"/> step by step; see <see cref="BackwardSteps{TNode}"/>.</summary>
    /// <exception cref="ArgumentException">The graph has more than <paramref name="maxNodes"/> nodes (a slider step per node would not be readable).</exception>
    public static GenericChart BackwardSteps(CompNode root, int maxNodes = 60) =>
        BackwardSteps(root, NodeAdapter.CompNode, maxNodes);

    /// <summary>
    /// The backward pass one step at a time, for a class to walk through: a slider with a step
    /// per <c>BackwardProp()</c> call, in the order the lecture's manual walk takes (the output,
    /// then each node once every node that uses it has passed its gradient on), each step's
    /// caption saying what it added, with numbers
    /// (<c>M.grad += 1 × 0.5 × M^-0.5 = 1.1915</c>). Data constants are leaves with nothing to
    /// pass on and get no step (the first caption says so); a named leaf's step says it does
    /// nothing. The legend explains the colours.
    /// </summary>
    /// <remarks>
    /// This runs the backward pass on the graph. With an adapter that can set gradients (as
    /// <see cref="NodeAdapter.CompNode"/> and <see cref="NodeAdapter.ByConvention{TNode}"/> for a
    /// settable <c>Grad</c> can), it first sets every gradient to 0 and the output's to 1, so the
    /// graph is left with the gradients <c>Backward()</c> gives on a fresh graph (up to the order
    /// in which a node used twice adds up its contributions).
    /// </remarks>
    /// <exception cref="ArgumentException">The graph has more than <paramref name="maxNodes"/> nodes or more than 9 layers (its records would not be readable), or the adapter has no backward step.</exception>
    public static GenericChart BackwardSteps<TNode>(TNode root, NodeAdapter<TNode> adapter, int maxNodes = 60)
        where TNode : class
    {
        (DrawnGraph graph, List<WalkStep> walk) = BackwardWalk.Run(root, adapter, maxNodes);
        GraphLayout layout = GraphLayout.Compute(graph);
        if (layout.LayerCount > MaxRecordLayers)
        {
            throw new ArgumentException(
                $"The graph is {layout.LayerCount} layers deep; a step-by-step backward chart is readable up to {MaxRecordLayers} (draw it with ComputationGraph).",
                nameof(root));
        }

        int captionLines = walk.Max(s => s.Caption.Count);
        var figure = new GraphFigure(layout, captionLines, slider: true);
        string legend = string.Join("   ", [
            ChartStyle.Swatch("#bdbdbd", "no grad yet"),
            ChartStyle.Swatch("#f0c419", "has its grad"),
            ChartStyle.Swatch(ChartStyle.CurrentFill, "just ran"),
            ChartStyle.Swatch("#41ab5d", "passed it on"),
        ]);

        (object[] Shapes, List<object> Annotations) Draw(WalkStep step)
        {
            string[] fills = [.. step.States.Select(s => s switch
            {
                NodeState.Filled => ChartStyle.FilledFill,
                NodeState.Current => ChartStyle.CurrentFill,
                NodeState.Done => ChartStyle.DoneFill,
                _ => ChartStyle.WaitingFill,
            })];
            string[] texts = [.. graph.Nodes.Select((n, i) => GraphFigure.RecordText(n, step.Grads[i], step.States[i] != NodeState.Waiting))];
            return (figure.Shapes(fills), figure.Annotations(texts, step.Caption, legend));
        }

        var drawn = walk.Select(Draw).ToList();
        // Past a dozen steps, every label would collide with its neighbours: label every k-th.
        int every = (int)Math.Ceiling(walk.Count / 12.0);
        object[] steps = [.. walk.Select((s, k) => new
        {
            label = k % every == 0 || k == walk.Count - 1 ? s.Label : string.Empty,
            method = "relayout",
            args = new object[] { new Dictionary<string, object> { ["shapes"] = drawn[k].Shapes, ["annotations"] = drawn[k].Annotations } },
        })];
        var slider = new
        {
            active = 0,

            // Inset so the first and last labels, centred on their ticks, stay inside the figure.
            x = 0.04,
            len = 0.92,
            y = 0.0,
            yanchor = "top",
            pad = new { t = 12, b = 0, l = 0, r = 0 },
            currentvalue = new { visible = false },
            font = ChartStyle.CodeFont(),
            steps,
        };
        Dictionary<string, object> settings = figure.Settings(drawn[0].Shapes, drawn[0].Annotations, title: null);
        settings["sliders"] = new[] { slider };
        return Build([figure.EdgeTrace(), figure.HoverTrace(walk[^1].Grads)], settings, modeBar: false);
    }

    /// <summary>
    /// The loss per step of gradient descent from <c>(x0, y0)</c> on the points, one line per
    /// learning rate, with the optimum (the loss at the geometric median) as a dashed reference line.
    /// </summary>
    /// <remarks>
    /// A rate that overshoots (its loss rises above where it started) is drawn in a panel of its
    /// own below the others, with its own loss axis: on one axis its large losses would squash the
    /// rates that settle into a thin band at the bottom.
    /// </remarks>
    public static GenericChart LossCurve(IReadOnlyList<double> xs, IReadOnlyList<double> ys, IReadOnlyList<double> learningRates, int steps = 100, double x0 = 0.3, double y0 = 0.3)
    {
        ArgumentNullException.ThrowIfNull(learningRates);
        if (learningRates.Count == 0)
        {
            throw new ArgumentException("At least one learning rate is needed.", nameof(learningRates));
        }

        GeometricMedianResult median = GeometricMedian.Solve(xs, ys);
        double optimum = DistanceLoss.Loss(median.X, median.Y, xs, ys);
        string[] palette = ["#1f77b4", "#2ca02c", "#9467bd", "#d62728", "#8c564b", "#e377c2"];
        var settle = new List<Trace>();
        var overshoot = new List<Trace>();
        for (int r = 0; r < learningRates.Count; r++)
        {
            double rate = learningRates[r];
            IReadOnlyList<DescentStep> path = GradientDescent.Run(xs, ys, x0, y0, rate, steps);
            Trace2D line = Line([.. path.Select(p => (double)p.Step)], [.. path.Select(p => p.Loss)], $"learning rate {Number(rate)}", "lines");
            line.SetProperty("line", new { color = palette[r % palette.Length], width = 3 });
            bool rises = path.Any(p => p.Loss > path[0].Loss);
            (rises ? overshoot : settle).Add(line);
        }

        bool split = overshoot.Count > 0 && settle.Count > 0;
        Trace2D Reference(string axis, bool legend)
        {
            Trace2D reference = Line([0, steps], [optimum, optimum], $"optimum {optimum:F4} (geometric median)", "lines");
            reference.SetProperty("line", new { dash = "dash", color = "black", width = 2 });
            reference.SetProperty("yaxis", axis);
            reference.SetProperty("xaxis", axis == "y" ? "x" : "x2");
            reference.SetProperty("showlegend", legend);
            return reference;
        }

        var traces = new List<Trace>(settle.Concat(split ? [] : overshoot));
        var layout = new Dictionary<string, object>
        {
            ["height"] = 620,
            ["margin"] = new { l = 20, r = 20, t = 70, b = 20 },
            ["title"] = new { text = "<b>Gradient descent on the mean distance</b>", x = 0.0, xref = "paper", xanchor = "left", font = ChartStyle.Font(ChartStyle.TitleFontSize) },
            ["legend"] = new { x = 1.02, xanchor = "left", y = 1.0, yanchor = "top", font = ChartStyle.Font() },
            ["xaxis"] = new { title = new { text = split ? string.Empty : "step" }, automargin = true, anchor = "y" },
            ["yaxis"] = new { title = new { text = "loss" }, automargin = true, domain = split ? new[] { 0.47, 1.0 } : new[] { 0.0, 1.0 } },
        };
        if (split)
        {
            foreach (Trace trace in overshoot)
            {
                trace.SetProperty("xaxis", "x2");
                trace.SetProperty("yaxis", "y2");
                traces.Add(trace);
            }

            traces.Add(Reference("y2", legend: false));
            traces.Add(Reference("y", legend: true));
            layout["xaxis2"] = new { title = new { text = "step" }, automargin = true, anchor = "y2", matches = "x" };
            layout["yaxis2"] = new { title = new { text = "loss" }, automargin = true, domain = new[] { 0.0, 0.3 } };
            layout["annotations"] = new object[]
            {
                PanelTitle("y domain", "x domain", "rates that settle"),
                PanelTitle("y2 domain", "x2 domain", "rates that overshoot (their own loss axis)"),
            };
        }

        else
        {
            traces.Add(Reference("y", legend: true));
        }

        return Build(traces, layout);
    }

    /// <summary>
    /// The points, the loss as a contour over the unit square, the path of <c>(x_p, y_p)</c> under
    /// gradient descent and the geometric median it heads for. The plot is square (a unit of
    /// <c>x_p</c> as long as a unit of <c>y_p</c>) and shows exactly the unit square, where the
    /// points are; points on its edge are drawn whole.
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
        contour.SetProperty("colorbar", new { title = new { text = "loss" }, thickness = 20 });

        Trace2D points = Line([.. xs], [.. ys], "data points", "markers");
        points.SetProperty("marker", new { color = "white", size = 9, line = new { color = "black", width = 1.5 } });
        Trace2D walk = Line([.. path.Select(p => p.X)], [.. path.Select(p => p.Y)], $"descent path, rate {Number(learningRate)}", "lines+markers");
        walk.SetProperty("marker", new { color = "red", size = 6 });
        walk.SetProperty("line", new { color = "red", width = 3 });
        Trace2D best = Line([median.X], [median.Y], "geometric median", "markers");
        best.SetProperty("marker", new { symbol = "star", size = 22, color = "gold", line = new { color = "black", width = 1.5 } });
        foreach (Trace2D trace in new[] { points, walk, best })
        {
            // A point on the square's edge is drawn whole, not cut in half by the plot area.
            trace.SetProperty("cliponaxis", false);
        }

        var layout = new Dictionary<string, object>
        {
            ["height"] = 640,
            ["margin"] = new { l = 20, r = 20, t = 60, b = 20 },
            ["title"] = new { text = "<b>Descent over the loss surface</b>", x = 0.0, xref = "paper", xanchor = "left", font = ChartStyle.Font(ChartStyle.TitleFontSize) },
            ["xaxis"] = new { title = new { text = "x_p" }, range = new[] { 0.0, 1.0 }, constrain = "domain", domain = new[] { 0.3, 1.0 }, automargin = true, showgrid = false, zeroline = false },
            ["yaxis"] = new { title = new { text = "y_p" }, range = new[] { 0.0, 1.0 }, scaleanchor = "x", scaleratio = 1, constrain = "domain", automargin = true, showgrid = false, zeroline = false },
            ["legend"] = new { x = 0.0, xanchor = "left", y = 1.0, yanchor = "top", bgcolor = "rgba(255,255,255,0.9)", font = ChartStyle.Font() },
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
            ["height"] = 520,
            ["margin"] = new { l = 20, r = 20, t = 70, b = 20 },
            ["title"] = new { text = "<b>Autograd minus closed form along the descent path</b>", x = 0.0, xref = "paper", xanchor = "left", font = ChartStyle.Font(ChartStyle.TitleFontSize) },
            ["xaxis"] = new { title = new { text = "step" }, automargin = true },
            ["yaxis"] = new { title = new { text = "difference", standoff = 16 }, exponentformat = "e", automargin = true },
            ["legend"] = new { x = 1.02, xanchor = "left", y = 1.0, yanchor = "top" },
        };
        return Build(
            [
                Line(step, [.. path.Select(p => p.GradX - p.ClosedGradX)], "d/dx_p", "lines+markers"),
                Line(step, [.. path.Select(p => p.GradY - p.ClosedGradY)], "d/dy_p", "lines+markers"),
            ],
            layout);
    }

    internal static object PanelTitle(string yref, string xref, string text) => new
    {
        x = 0.0,
        y = 1.0,
        xref,
        yref,
        xanchor = "left",
        yanchor = "bottom",
        yshift = 4,
        text = $"<i>{text}</i>",
        showarrow = false,
        font = ChartStyle.Font(),
    };

    private static GenericChart MarkerGraph(GraphLayout layout, string heading, List<string> header)
    {
        // Too many records to box: small markers, hover for the numbers.
        var figure = new GraphFigure(layout, header.Count + 1, slider: false, markers: true);
        var edges = figure.EdgeTrace();
        var nodes = new Trace2D("scatter");
        nodes.SetProperty("mode", "markers");
        nodes.SetProperty("x", layout.Nodes.Select(n => (double)n.Layer).ToArray());
        nodes.SetProperty("y", layout.Nodes.Select(n => n.Position).ToArray());
        nodes.SetProperty("hovertext", layout.Nodes.Select(n => $"{n.Node.Label ?? n.Node.Op}<br>val {ChartStyle.Fixed(n.Node.Val)}<br>grad {ChartStyle.Fixed(n.Node.Grad)}").ToArray());
        nodes.SetProperty("hoverinfo", "text");
        nodes.SetProperty("marker", new { size = 9, color = layout.Nodes.Select((n, i) => GraphFigure.KindFill(n.Node, i == layout.Nodes.Count - 1)).ToArray(), line = new { color = "#555", width = 1 } });
        List<string> lines = [.. header, "Too large to box every node readably: hover a node for its numbers."];
        Dictionary<string, object> settings = figure.Settings([], figure.Annotations([], lines, string.Empty), heading);
        return Build([edges, nodes], settings, modeBar: false);
    }

    internal static Trace2D Line(double[] x, double[] y, string name, string mode)
    {
        var trace = new Trace2D("scatter");
        trace.SetProperty("mode", mode);
        trace.SetProperty("name", name);
        trace.SetProperty("x", x);
        trace.SetProperty("y", y);
        return trace;
    }

    internal static GenericChart Build(IEnumerable<Trace> traces, Dictionary<string, object> settings, bool modeBar = true)
    {
        var layout = new Layout();
        foreach (KeyValuePair<string, object> pair in settings)
        {
            layout.SetProperty(pair.Key, pair.Value);
        }

        if (!settings.ContainsKey("font"))
        {
            layout.SetProperty("font", ChartStyle.Font());
        }

        layout.SetProperty("autosize", true);

        // Follows the container's width when a window is resized (a projector's, a notebook's column).
        var config = new Config();
        config.SetProperty("responsive", true);
        config.SetProperty("displaylogo", false);
        if (!modeBar)
        {
            // A graph's axes are fixed: zoom and pan would only hide records.
            config.SetProperty("displayModeBar", false);
        }

        return GenericChart.setConfig(config, GenericChart.addLayout(layout, GenericChart.ofTraceObjects(false, traces)));
    }

    private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
