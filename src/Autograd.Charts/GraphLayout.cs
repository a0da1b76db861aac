namespace Autograd.Charts;

/// <summary>
/// A layered drawing of a <see cref="CompNode"/> graph: the output in the last layer and every
/// other node one layer before its earliest consumer (its topological depth counted from the
/// output), so data flows from left to right, every edge goes from a lower layer to a higher one,
/// the inputs that feed the whole graph are leftmost, and a constant sits next to the operation
/// that uses it (a 100-point sum then reads as a staircase instead of a wall of 100 nodes).
/// Within a layer, nodes are ordered by the barycentre of their neighbours (a few sweeps in each
/// direction), which keeps crossings low.
/// </summary>
/// <remarks>
/// A graph larger than the cap keeps the nodes nearest to the output (breadth first from it), so
/// the end of the computation stays readable; <see cref="HiddenCount"/> says how many were left out.
/// </remarks>
public sealed class GraphLayout
{
    private const int Sweeps = 6;

    private GraphLayout(IReadOnlyList<LaidOutNode> nodes, IReadOnlyList<(int From, int To)> edges, int totalCount)
    {
        Nodes = nodes;
        Edges = edges;
        TotalCount = totalCount;
    }

    /// <summary>The drawn nodes, in the graph's topological order (children first).</summary>
    public IReadOnlyList<LaidOutNode> Nodes { get; }

    /// <summary>Edges as indices into <see cref="Nodes"/>: from a child (an operand) to the node computed from it.</summary>
    public IReadOnlyList<(int From, int To)> Edges { get; }

    /// <summary>How many nodes the whole graph has.</summary>
    public int TotalCount { get; }

    /// <summary>How many nodes were left out to respect the cap.</summary>
    public int HiddenCount => TotalCount - Nodes.Count;

    /// <summary>The number of layers.</summary>
    public int LayerCount => Nodes.Count == 0 ? 0 : Nodes.Max(n => n.Layer) + 1;

    /// <summary>Lays out the graph that ends in <paramref name="root"/>, keeping at most <paramref name="maxNodes"/> nodes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNodes"/> is less than 1.</exception>
    public static GraphLayout Compute(CompNode root, int maxNodes = 300)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNodes, 1);
        List<CompNode> order = root.TopoSort();
        HashSet<CompNode> kept = order.Count <= maxNodes ? [.. order] : NearestToOutput(root, maxNodes);
        List<CompNode> nodes = order.Where(kept.Contains).ToList();
        var index = new Dictionary<CompNode, int>(nodes.Count);
        for (int i = 0; i < nodes.Count; i++)
        {
            index[nodes[i]] = i;
        }

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
            foreach (CompNode child in nodes[i].Children)
            {
                if (index.TryGetValue(child, out int c))
                {
                    edges.Add((c, i));
                    children[i].Add(c);
                    parents[c].Add(i);
                }
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

        double[] position = OrderWithinLayers(layer, children, parents);
        var laidOut = new LaidOutNode[nodes.Count];
        for (int i = 0; i < nodes.Count; i++)
        {
            bool cut = nodes[i].Children.Any(c => !index.ContainsKey(c));
            laidOut[i] = new LaidOutNode(nodes[i], layer[i], position[i], cut);
        }

        return new GraphLayout(laidOut, edges, order.Count);
    }

    private static HashSet<CompNode> NearestToOutput(CompNode root, int maxNodes)
    {
        var kept = new HashSet<CompNode> { root };
        var queue = new Queue<CompNode>();
        queue.Enqueue(root);
        while (queue.Count > 0 && kept.Count < maxNodes)
        {
            foreach (CompNode child in queue.Dequeue().Children)
            {
                if (kept.Count < maxNodes && kept.Add(child))
                {
                    queue.Enqueue(child);
                }
            }
        }

        return kept;
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
