namespace Autograd.Charts;

/// <summary>
/// A computation graph as the charts draw it: the nodes read through a
/// <see cref="NodeAdapter{TNode}"/> in topological order (children first, the output last). A
/// graph too large to read node by node is folded (<see cref="GraphFolding"/>) and then cut to the
/// records nearest the output.
/// </summary>
internal sealed class DrawnGraph
{
    internal DrawnGraph(List<DrawnNode> nodes, int totalCount, IReadOnlyList<string> notes)
    {
        Nodes = nodes;
        TotalCount = totalCount;
        Notes = notes;
    }

    /// <summary>The drawn records, children before parents, the output last.</summary>
    public IReadOnlyList<DrawnNode> Nodes { get; }

    /// <summary>How many nodes the graph itself has.</summary>
    public int TotalCount { get; }

    /// <summary>What folding did, one phrase per fold, for the chart's subtitle.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>True when every record is one node of the graph.</summary>
    public bool IsWhole => Nodes.Count == TotalCount && Nodes.All(n => n.Members == 1);

    /// <summary>Reads the graph below <paramref name="root"/> in the lecture's topological order (depth first, operands in order).</summary>
    public static DrawnGraph Read<TNode>(TNode root, NodeAdapter<TNode> adapter)
        where TNode : class
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(adapter);
        List<TNode> order = TopologicalOrder(root, adapter, out Dictionary<TNode, List<TNode>> childrenOf);
        var index = new Dictionary<TNode, int>(order.Count, ReferenceEqualityComparer.Instance);
        for (int i = 0; i < order.Count; i++)
        {
            index[order[i]] = i;
        }

        var parentCount = new int[order.Count];
        foreach (TNode node in order)
        {
            foreach (int c in childrenOf[node].Select(c => index[c]).Distinct())
            {
                parentCount[c]++;
            }
        }

        string?[] labels = [.. order.Select(adapter.Label)];

        // Where the author named nodes, an unnamed leaf used once is a number that became a leaf;
        // where nothing is named, the graph cannot tell a variable from a number.
        bool named = labels.Any(l => !string.IsNullOrEmpty(l));
        var nodes = new List<DrawnNode>(order.Count);
        for (int i = 0; i < order.Count; i++)
        {
            TNode node = order[i];
            string? label = labels[i];
            bool leaf = childrenOf[node].Count == 0;
            NodeKind kind = !leaf ? NodeKind.Operation
                : !named ? NodeKind.Leaf
                : !string.IsNullOrEmpty(label) || parentCount[i] != 1 ? NodeKind.Variable
                : NodeKind.Constant;
            var drawn = new DrawnNode
            {
                Source = node,
                Label = string.IsNullOrEmpty(label) ? null : label,
                Op = adapter.Op(node) ?? string.Empty,
                Val = adapter.Value(node),
                Grad = adapter.Grad(node),
                Kind = kind,
            };
            drawn.Children.AddRange(childrenOf[node].Select(c => index[c]));
            nodes.Add(drawn);
        }

        return new DrawnGraph(nodes, order.Count, []);
    }

    /// <summary>The nodes in post order from <paramref name="root"/>, with an explicit stack so deep graphs cannot overflow it.</summary>
    internal static List<TNode> TopologicalOrder<TNode>(TNode root, NodeAdapter<TNode> adapter, out Dictionary<TNode, List<TNode>> childrenOf)
        where TNode : class
    {
        childrenOf = new Dictionary<TNode, List<TNode>>(ReferenceEqualityComparer.Instance);
        var order = new List<TNode>();
        var stack = new Stack<(TNode Node, int Next)>();
        childrenOf[root] = Children(root, adapter);
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            (TNode node, int next) = stack.Pop();
            List<TNode> children = childrenOf[node];
            if (next < children.Count)
            {
                stack.Push((node, next + 1));
                TNode child = children[next];
                if (!childrenOf.ContainsKey(child))
                {
                    childrenOf[child] = Children(child, adapter);
                    stack.Push((child, 0));
                }
            }
            else
            {
                order.Add(node);
            }
        }

        return order;
    }

    private static List<TNode> Children<TNode>(TNode node, NodeAdapter<TNode> adapter)
        where TNode : class
    {
        var children = new List<TNode>();
        foreach (TNode? child in adapter.Children(node) ?? [])
        {
            children.Add(child ?? throw new InvalidOperationException($"A {typeof(TNode).Name} with op '{adapter.Op(node)}' has a null child."));
        }

        return children;
    }

    /// <summary>The same graph with its repetition folded (see <see cref="GraphFolding"/>).</summary>
    public DrawnGraph Fold() => GraphFolding.Fold(this);

    /// <summary>Keeps the <paramref name="maxNodes"/> records nearest the output (breadth first from it).</summary>
    public DrawnGraph NearestToOutput(int maxNodes)
    {
        if (Nodes.Count <= maxNodes)
        {
            return this;
        }

        var kept = new HashSet<int> { Nodes.Count - 1 };
        var queue = new Queue<int>();
        queue.Enqueue(Nodes.Count - 1);
        while (queue.Count > 0 && kept.Count < maxNodes)
        {
            foreach (int child in Nodes[queue.Dequeue()].Children)
            {
                if (kept.Count < maxNodes && kept.Add(child))
                {
                    queue.Enqueue(child);
                }
            }
        }

        var map = new Dictionary<int, int>();
        var nodes = new List<DrawnNode>();
        for (int i = 0; i < Nodes.Count; i++)
        {
            if (!kept.Contains(i))
            {
                continue;
            }

            DrawnNode old = Nodes[i];
            DrawnNode copy = old.Copy();
            foreach (int c in old.Children)
            {
                if (map.TryGetValue(c, out int mapped))
                {
                    copy.Children.Add(mapped);
                }
                else
                {
                    copy.HasHiddenChildren = true;
                }
            }

            map[i] = nodes.Count;
            nodes.Add(copy);
        }

        return new DrawnGraph(nodes, TotalCount, [.. Notes, $"showing the {nodes.Count} records nearest the output"]);
    }
}
