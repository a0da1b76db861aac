namespace Autograd.Charts;

/// <summary>
/// Draws a <see cref="GraphLayout"/> as records in the spirit of micrograd's <c>draw_dot</c>: a
/// box per node holding its name and operation, its value with 4 decimals (as the lecture's repr)
/// and its gradient once it has one. Boxes are shapes in data coordinates, so they and the edges
/// between them scale with the chart's width; their text stays at a size a lecture hall can read.
/// Everything but the edges is an annotation, so a slider can redraw a step by replacing the
/// figure's shapes and annotations.
/// </summary>
internal sealed class GraphFigure
{
    public const double HalfWidth = 0.40;
    public const double HalfHeight = 0.37;
    private const int TitleRow = 32;
    private const int CaptionLine = 24;
    private const int Edge = 8;

    public GraphFigure(GraphLayout layout, int headerLines, bool slider, bool markers = false)
    {
        Markers = markers;
        Layout = layout;
        HeaderLines = headerLines;
        Slider = slider;
        Low = layout.Low;
        High = layout.High;
        Top = Edge + TitleRow + (headerLines * CaptionLine) + Edge;
        Bottom = slider ? 70 : Edge + 30 + Edge;
        double units = High - Low + 1;
        int plot = (int)Math.Ceiling(Math.Max(112 * units, 170));
        if (slider)
        {
            // The graph is what a class reads: at least 72% of the figure's height.
            plot = Math.Max(plot, (int)Math.Ceiling(0.72 * (Top + Bottom) / 0.28));
        }

        PlotHeight = plot;
    }

    public GraphLayout Layout { get; }

    /// <summary>True when nodes are drawn as small markers (too many to box): edges then join centres, with no arrowheads.</summary>
    public bool Markers { get; }

    private double Half => Markers ? 0 : HalfWidth;

    public int HeaderLines { get; }

    public bool Slider { get; }

    public double Low { get; }

    public double High { get; }

    public int Top { get; }

    public int Bottom { get; }

    public int PlotHeight { get; }

    public int Height => Top + Bottom + PlotHeight;

    /// <summary>18 px, or 16 px (still legible from the back) when many layers make the records narrow.</summary>
    public int RecordFontSize => Layout.LayerCount > 5 ? 16 : ChartStyle.FontSize;

    /// <summary>The record's text: name and operation, value, and gradient when <paramref name="showGrad"/>.</summary>
    public static string RecordText(DrawnNode node, double grad, bool showGrad)
    {
        if (node.Kind == NodeKind.Summary)
        {
            return string.Join("<br>", node.SummaryLines);
        }

        string head = node.Kind switch
        {
            NodeKind.Constant => "constant",
            NodeKind.Leaf => "<b>leaf</b>",
            NodeKind.Variable => node.Label is null ? "<b>input</b>" : Code(node.Label),
            _ => node.Label is null ? $"<b>{node.Op}</b>" : $"{Code(node.Label)} · {node.Op}",
        };
        if (node.HasHiddenChildren)
        {
            head = "… " + head;
        }

        return $"{head}<br>val {ChartStyle.Fixed(node.Val)}" + (showGrad ? $"<br>grad {ChartStyle.Fixed(grad)}" : "<br> ");
    }

    /// <summary>A name in a typewriter face, bold, so <c>l</c> and <c>I_x</c> cannot be mistaken for each other.</summary>
    public static string Code(string name) => $"<span style=\"font-family:{ChartStyle.CodeFontFamily}\"><b>{name}</b></span>";

    /// <summary>The fill a record has in the plain graph: by kind, the output darker.</summary>
    public static string KindFill(DrawnNode node, bool isOutput) => isOutput ? ChartStyle.OutputFill : node.Kind switch
    {
        NodeKind.Variable => ChartStyle.VariableFill,
        NodeKind.Constant => ChartStyle.ConstantFill,
        NodeKind.Leaf => ChartStyle.LeafFill,
        NodeKind.Summary => ChartStyle.SummaryFill,
        _ => ChartStyle.OperationFill,
    };

    public object[] Shapes(IReadOnlyList<string> fills)
    {
        var shapes = new object[Layout.Nodes.Count];
        for (int i = 0; i < shapes.Length; i++)
        {
            LaidOutNode n = Layout.Nodes[i];
            bool output = i == shapes.Length - 1;
            (string color, string dash, double width) = n.Node.Kind switch
            {
                NodeKind.Variable => (ChartStyle.VariableLine, "solid", 2.5),
                NodeKind.Constant => (ChartStyle.ConstantLine, "dash", 1.5),
                NodeKind.Leaf => (ChartStyle.VariableLine, "solid", 1.5),
                NodeKind.Summary => (ChartStyle.OperationLine, "dot", 2.0),
                _ => (ChartStyle.OperationLine, "solid", output ? 3.5 : 1.5),
            };
            shapes[i] = new
            {
                type = "rect",
                xref = "x",
                yref = "y",
                x0 = n.Layer - HalfWidth,
                x1 = n.Layer + HalfWidth,
                y0 = n.Position - HalfHeight,
                y1 = n.Position + HalfHeight,
                fillcolor = fills[i],
                line = new { color, dash, width },
                layer = "above",
            };
        }

        return shapes;
    }

    /// <summary>The record texts, the arrowheads, the header lines and the legend.</summary>
    public List<object> Annotations(IReadOnlyList<string> texts, IReadOnlyList<string> header, string legend)
    {
        var annotations = new List<object>();
        for (int e = 0; e < (Markers ? 0 : Layout.Edges.Count); e++)
        {
            (int from, int to) = Layout.Edges[e];
            LaidOutNode a = Layout.Nodes[from], b = Layout.Nodes[to];
            (double Layer, double Position) start = Layout.Bends[e].Count == 0 ? (a.Layer, a.Position) : Layout.Bends[e][^1];
            double x1 = b.Layer - HalfWidth, y1 = b.Position;
            double dx = x1 - (start.Layer + HalfWidth), dy = y1 - start.Position;
            double t = 0.06 / dx;
            annotations.Add(new
            {
                x = x1,
                y = y1,
                ax = x1 - (t * dx),
                ay = y1 - (t * dy),
                xref = "x",
                yref = "y",
                axref = "x",
                ayref = "y",
                showarrow = true,
                arrowhead = 2,
                arrowsize = 1.2,
                arrowwidth = 2,
                arrowcolor = "#555",
                text = string.Empty,
            });
        }

        for (int i = 0; i < texts.Count; i++)
        {
            LaidOutNode n = Layout.Nodes[i];
            annotations.Add(new
            {
                x = (double)n.Layer,
                y = n.Position,
                xref = "x",
                yref = "y",
                text = texts[i],
                showarrow = false,
                align = "center",
                font = ChartStyle.Font(RecordFontSize),
            });
        }

        // The slider's top row is its legend: each step's caption says what the chart shows.
        // Other graphs have their title there (the layout's own title, see Settings).
        if (Slider)
        {
            annotations.Add(PaperNote(1.0, Top - Edge, legend, ChartStyle.Font()));
        }

        if (header.Count > 0)
        {
            annotations.Add(PaperNote(1.0, Top - Edge - TitleRow, string.Join("<br>", header), Slider ? ChartStyle.CodeFont() : ChartStyle.Font()));
        }

        if (!Slider)
        {
            annotations.Add(PaperNote(0.0, -Edge, legend, ChartStyle.Font()));
        }

        return annotations;
    }

    /// <summary>Left-aligned text hanging from the top (<paramref name="y"/> 1) or bottom (0) edge of the plot area, shifted by pixels.</summary>
    private static object PaperNote(double y, int yshift, string text, object font) => new
    {
        x = 0.0,
        y,
        xref = "paper",
        yref = "paper",
        xanchor = "left",
        yanchor = "top",
        yshift,
        text,
        align = "left",
        showarrow = false,
        font,
    };

    /// <summary>The edges as one line trace under the boxes, from a box's right side to the next one's left side.</summary>
    public Plotly.NET.Trace2D EdgeTrace()
    {
        var x = new List<double?>();
        var y = new List<double?>();
        for (int e = 0; e < Layout.Edges.Count; e++)
        {
            (int from, int to) = Layout.Edges[e];
            LaidOutNode a = Layout.Nodes[from], b = Layout.Nodes[to];
            x.Add(a.Layer + Half);
            y.Add(a.Position);
            foreach ((double layer, double position) in Layout.Bends[e])
            {
                x.AddRange([layer - Half, layer + Half]);
                y.AddRange([position, position]);
            }

            x.AddRange([b.Layer - Half, null]);
            y.AddRange([b.Position, null]);
        }

        var edges = new Plotly.NET.Trace2D("scatter");
        edges.SetProperty("mode", "lines");
        edges.SetProperty("name", "edges");
        edges.SetProperty("x", x);
        edges.SetProperty("y", y);
        edges.SetProperty("hoverinfo", "skip");
        edges.SetProperty("showlegend", false);
        edges.SetProperty("line", new { color = "#555", width = 2 });
        return edges;
    }

    /// <summary>Invisible markers on the records: hovering one shows every digit of its value and gradient.</summary>
    public Plotly.NET.Trace2D HoverTrace(IReadOnlyList<double> grads)
    {
        var nodes = new Plotly.NET.Trace2D("scatter");
        nodes.SetProperty("mode", "markers");
        nodes.SetProperty("name", "nodes");
        nodes.SetProperty("x", Layout.Nodes.Select(n => (double)n.Layer).ToArray());
        nodes.SetProperty("y", Layout.Nodes.Select(n => n.Position).ToArray());
        nodes.SetProperty("hovertext", Layout.Nodes.Select((n, i) => n.Node.Kind == NodeKind.Summary
            ? $"{n.Node.Members} nodes"
            : $"{n.Node.Label ?? n.Node.Op}<br>val {ChartStyle.Full(n.Node.Val)}<br>grad {ChartStyle.Full(grads[i])}").ToArray());
        nodes.SetProperty("hoverinfo", "text");
        nodes.SetProperty("showlegend", false);
        nodes.SetProperty("marker", new { size = 40, opacity = 0, color = "#000" });
        return nodes;
    }

    /// <summary>The layout settings: hidden axes fitted to the boxes, margins for the title, header, legend and slider.</summary>
    public Dictionary<string, object> Settings(object[] shapes, List<object> annotations, string? title)
    {
        Dictionary<string, object> settings = Common(shapes, annotations);
        if (!Slider && title is not null)
        {
            settings["title"] = new
            {
                text = title,
                x = 0.0,
                xref = "paper",
                xanchor = "left",
                y = 1.0,
                yref = "container",
                yanchor = "top",
                pad = new { t = Edge },
                font = ChartStyle.Font(ChartStyle.TitleFontSize),
            };
        }

        return settings;
    }

    private Dictionary<string, object> Common(object[] shapes, List<object> annotations) => new()
    {
        ["showlegend"] = false,
        ["hovermode"] = "closest",
        ["font"] = ChartStyle.Font(),
        ["xaxis"] = new { showgrid = false, zeroline = false, showticklabels = false, fixedrange = true, range = new[] { -0.5, Math.Max(Layout.LayerCount, 1) - 0.5 } },
        ["yaxis"] = new { showgrid = false, zeroline = false, showticklabels = false, fixedrange = true, range = new[] { Low - 0.5, High + 0.5 } },
        ["height"] = Height,
        ["autosize"] = true,
        ["margin"] = new { l = 12, r = 12, t = Top, b = Bottom, pad = 0 },
        ["shapes"] = shapes,
        ["annotations"] = annotations,
        ["plot_bgcolor"] = "white",
    };
}
