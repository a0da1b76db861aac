namespace Autograd.Charts;

/// <summary>
/// A layered drawing of a <see cref="DrawnGraph"/>: the output in the last layer and every
/// other node one layer before its earliest consumer (its topological depth counted from the
/// output), so data flows from left to right, every edge goes from a lower layer to a higher one,
/// the inputs that feed the whole graph are leftmost, and a constant sits next to the operation
/// that uses it. Within a layer, nodes are ordered by the barycentre of their neighbours (a few
/// sweeps in each direction), which keeps crossings low.
/// </summary>
internal sealed class GraphLayout
{
    private const int Sweeps = 6;

    private GraphLayout(DrawnGraph graph, IReadOnlyList<LaidOutNode> nodes, IReadOnlyList<(int From, int To)> edges,
        IReadOnlyList<IReadOnlyList<(double Layer, double Position)>> bends, int tallest, double low, double high)
    {
        Graph = graph;
        Nodes = nodes;
        Edges = edges;
        Bends = bends;
        TallestLayer = tallest;
        Low = low;
        High = high;
    }

    /// <summary>For each edge, the slots it passes through in the layers it crosses (empty for an edge to the next layer).</summary>
    public IReadOnlyList<IReadOnlyList<(double Layer, double Position)>> Bends { get; }

    /// <summary>The lowest position used by a node or an edge's slot.</summary>
    public double Low { get; }

    /// <summary>The highest position used by a node or an edge's slot.</summary>
    public double High { get; }

    /// <summary>The graph laid out.</summary>
    public DrawnGraph Graph { get; }

    /// <summary>The drawn nodes, in the graph's topological order (children first).</summary>
    public IReadOnlyList<LaidOutNode> Nodes { get; }

    /// <summary>Edges as indices into <see cref="Nodes"/>: from a child (an operand) to the node computed from it.</summary>
    public IReadOnlyList<(int From, int To)> Edges { get; }

    /// <summary>The number of layers.</summary>
    public int LayerCount => Nodes.Count == 0 ? 0 : Nodes.Max(n => n.Layer) + 1;

    /// <summary>The most nodes and edge slots in one layer.</summary>
    public int TallestLayer { get; }

    /// <summary>Lays out <paramref name="graph"/>.</summary>
    public static GraphLayout Compute(DrawnGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        IReadOnlyList<DrawnNode> nodes = graph.Nodes;
        var edges = new List<(int From, int To)>();
        var children = new List<int>[nodes.Count];
        var parents = new List<int>[nodes.Count];
        for (int i = 0; i < nodes.Count; i++)
        {
            children[i] = [];
            parents[i] = [];
        }

        for (int i = 0; i < nodes.Count; i++)
        {
            foreach (int c in nodes[i].Children.Distinct())
            {
                edges.Add((c, i));
                children[i].Add(c);
                parents[c].Add(i);
            }
        }

        // Reverse topological order visits parents first, so one pass gives each node its longest
        // path to the output; layers count that distance back from the last layer.
        var depth = new int[nodes.Count];
        for (int i = nodes.Count - 1; i >= 0; i--)
        {
            foreach (int p in parents[i])
            {
                depth[i] = Math.Max(depth[i], depth[p] + 1);
            }
        }

        int deepest = depth.Length == 0 ? 0 : depth.Max();
        int[] layer = [.. depth.Select(d => deepest - d)];

        // An edge that skips layers gets a placeholder in each layer it crosses, ordered like a
        // node, so it runs through a free slot instead of behind another node's record.
        var slotLayer = new List<int>(layer);
        var slotChildren = new List<List<int>>(children.Select(c => new List<int>()));
        var slotParents = new List<List<int>>(parents.Select(p => new List<int>()));
        var routes = new List<List<int>>();
        foreach ((int from, int to) in edges)
        {
            var route = new List<int>();
            int previous = from;
            for (int l = layer[from] + 1; l < layer[to]; l++)
            {
                int slot = slotLayer.Count;
                slotLayer.Add(l);
                slotChildren.Add([previous]);
                slotParents.Add([]);
                slotParents[previous].Add(slot);
                route.Add(slot);
                previous = slot;
            }

            slotChildren[to].Add(previous);
            slotParents[previous].Add(to);
            routes.Add(route);
        }

        double[] position = OrderWithinLayers([.. slotLayer], [.. slotChildren], [.. slotParents]);
        var laidOut = new LaidOutNode[nodes.Count];
        for (int i = 0; i < nodes.Count; i++)
        {
            laidOut[i] = new LaidOutNode(nodes[i], layer[i], position[i]);
        }

        IReadOnlyList<(double Layer, double Position)>[] bends = [.. routes.Select(r => (IReadOnlyList<(double, double)>)[.. r.Select(s => ((double)slotLayer[s], position[s]))])];
        int tallest = slotLayer.Count == 0 ? 0 : slotLayer.GroupBy(l => l).Max(g => g.Count());
        double low = position.Length == 0 ? 0 : position.Min(), high = position.Length == 0 ? 0 : position.Max();
        return new GraphLayout(graph, laidOut, edges, bends, tallest, low, high);
    }

    /// <summary>Barycentre sweeps: each layer sorted by the mean position of its neighbours in the other layers.</summary>
    private static double[] OrderWithinLayers(int[] layer, List<int>[] children, List<int>[] parents)
    {
        int count = layer.Length;
        int layers = count == 0 ? 0 : layer.Max() + 1;
        var members = new List<int>[layers];
        for (int l = 0; l < layers; l++)
        {
            members[l] = [];
        }

        for (int i = 0; i < count; i++)
        {
            members[layer[i]].Add(i);
        }

        var position = new double[count];
        void Place(List<int> row)
        {
            for (int k = 0; k < row.Count; k++)
            {
                position[row[k]] = k - ((row.Count - 1) / 2.0);
            }
        }

        foreach (List<int> row in members)
        {
            Place(row);
        }

        void Sort(List<int> row, List<int>[] neighbours)
        {
            double Key(int i) => neighbours[i].Count == 0 ? position[i] : neighbours[i].Average(n => position[n]);
            var keyed = row.Select((node, k) => (node, key: Key(node), k)).OrderBy(t => t.key).ThenBy(t => t.k).ToList();
            row.Clear();
            row.AddRange(keyed.Select(t => t.node));
            Place(row);
        }

        for (int sweep = 0; sweep < Sweeps; sweep++)
        {
            for (int l = 1; l < layers; l++)
            {
                Sort(members[l], children);
            }

            for (int l = layers - 2; l >= 0; l--)
            {
                Sort(members[l], parents);
            }
        }

        return position;
    }
}
