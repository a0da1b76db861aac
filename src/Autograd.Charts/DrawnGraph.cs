namespace Autograd.Charts;

/// <summary>
/// A computation graph as the charts draw it: the nodes read through a
/// <see cref="NodeAdapter{TNode}"/> in topological order (children first, the output last), and
/// for a graph too large to read node by node, the same graph with its repetition folded: blocks
/// of identical shape drawn once plus one "× k more" record, and a chain of one operation (the
/// running sum of a loss) drawn as one record.
/// </summary>
internal sealed class DrawnGraph
{
    private const int MinRepeats = 3;

    private DrawnGraph(List<DrawnNode> nodes, int totalCount, IReadOnlyList<string> notes)
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

    /// <summary>
    /// Folds repetition: blocks of the same shape (three or more, such as one block per data
    /// point) become the first block drawn in full plus one record standing for the others, and a
    /// chain of three or more nodes of one operation, each feeding the next, becomes one record.
    /// </summary>
    public DrawnGraph Fold()
    {
        DrawnGraph folded = FoldBlocks();
        return folded.FoldChains();
    }

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
            DrawnNode copy = Copy(old);
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

    private DrawnGraph FoldBlocks()
    {
        int count = Nodes.Count;
        List<int>[] parents = Parents();
        var shape = new int[count];
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            DrawnNode node = Nodes[i];
            // Leaves used once and unnamed are interchangeable between blocks; any other leaf is itself.
            string key = node.Children.Count > 0 ? node.Op + "(" + string.Join(",", node.Children.Select(c => shape[c])) + ")"
                : node.Label is null && parents[i].Count == 1 && node.Kind != NodeKind.Summary ? "c"
                : "v" + i;
            if (!shapes.TryGetValue(key, out shape[i]))
            {
                shape[i] = shapes.Count;
                shapes[key] = shape[i];
            }
        }

        int[] shapeCount = new int[shapes.Count];
        foreach (int s in shape)
        {
            shapeCount[s]++;
        }

        // A block's top is an operation repeated often enough whose users are not all repeated themselves.
        var tops = new Dictionary<int, List<int>>();
        for (int i = 0; i < count; i++)
        {
            if (Nodes[i].Kind == NodeKind.Operation && shapeCount[shape[i]] >= MinRepeats
                && (parents[i].Count == 0 || parents[i].Any(p => shapeCount[shape[p]] < MinRepeats)))
            {
                if (!tops.TryGetValue(shape[i], out List<int>? list))
                {
                    tops[shape[i]] = list = [];
                }

                list.Add(i);
            }
        }

        var merges = new List<(HashSet<int> Members, DrawnNode Replacement)>();
        var taken = new HashSet<int>();
        var notes = new List<string>(Notes);
        foreach (List<int> group in tops.Values.Where(g => g.Count >= MinRepeats))
        {
            HashSet<int> first = Block(group[0], parents);
            var members = new HashSet<int>();
            foreach (int top in group.Skip(1))
            {
                members.UnionWith(Block(top, parents));
            }

            if (members.Overlaps(first) || members.Overlaps(taken) || first.Overlaps(taken))
            {
                continue;
            }

            taken.UnionWith(members);
            taken.UnionWith(first);
            DrawnNode head = Nodes[group[0]];
            string name = head.Label ?? head.Op;
            merges.Add((members, new DrawnNode
            {
                Op = name,
                Kind = NodeKind.Summary,
                Members = members.Count,
                SummaryLines = [$"<b>× {group.Count - 1} more</b>", "blocks like", "the one drawn"],
            }));
            notes.Add($"one {first.Count}-node block (ending in {name}) in full; {group.Count - 1} more like it as one record");
        }

        return merges.Count == 0 ? this : Merge(merges, notes) ?? this;
    }

    private DrawnGraph FoldChains()
    {
        List<int>[] parents = Parents();
        var next = new int[Nodes.Count];
        Array.Fill(next, -1);
        for (int i = 0; i < Nodes.Count; i++)
        {
            DrawnNode node = Nodes[i];
            if (node.Kind == NodeKind.Operation && parents[i].Count == 1 && Nodes[parents[i][0]] is { Kind: NodeKind.Operation } parent && parent.Op == node.Op)
            {
                next[i] = parents[i][0];
            }
        }

        var isContinuation = new bool[Nodes.Count];
        foreach (int n in next.Where(n => n >= 0))
        {
            isContinuation[n] = true;
        }

        var merges = new List<(HashSet<int> Members, DrawnNode Replacement)>();
        var notes = new List<string>(Notes);
        for (int i = 0; i < Nodes.Count; i++)
        {
            if (isContinuation[i] || next[i] < 0)
            {
                continue;
            }

            var chain = new List<int> { i };
            for (int n = next[i]; n >= 0; n = next[n])
            {
                chain.Add(n);
            }

            if (chain.Count < MinRepeats)
            {
                continue;
            }

            DrawnNode top = Nodes[chain[^1]];
            merges.Add(([.. chain], new DrawnNode
            {
                Source = top.Source,
                Label = top.Label,
                Op = $"{top.Op} × {chain.Count}",
                Val = top.Val,
                Grad = top.Grad,
                Kind = NodeKind.Operation,
                Members = chain.Count,
            }));
            notes.Add($"{chain.Count} chained {top.Op} nodes as one record, showing the last one's numbers");
        }

        return merges.Count == 0 ? this : Merge(merges, notes) ?? this;
    }

    /// <summary>The nodes only <paramref name="top"/> leads to: below it, stopping at nodes that other nodes use too.</summary>
    private HashSet<int> Block(int top, List<int>[] parents)
    {
        var block = new HashSet<int> { top };
        var stack = new Stack<int>();
        stack.Push(top);
        while (stack.Count > 0)
        {
            foreach (int c in Nodes[stack.Pop()].Children)
            {
                bool namedLeaf = Nodes[c].Children.Count == 0 && Nodes[c].Label is not null;
                if (parents[c].Count == 1 && !namedLeaf && block.Add(c))
                {
                    stack.Push(c);
                }
            }
        }

        return block;
    }

    private List<int>[] Parents()
    {
        var parents = new List<int>[Nodes.Count];
        for (int i = 0; i < parents.Length; i++)
        {
            parents[i] = [];
        }

        for (int i = 0; i < Nodes.Count; i++)
        {
            foreach (int c in Nodes[i].Children.Distinct())
            {
                parents[c].Add(i);
            }
        }

        return parents;
    }

    /// <summary>Replaces each set of nodes by one record; null if that would make a cycle.</summary>
    private DrawnGraph? Merge(List<(HashSet<int> Members, DrawnNode Replacement)> merges, List<string> notes)
    {
        // New ids: one per unmerged node, one per merged set.
        var target = new int[Nodes.Count];
        var replacements = new List<DrawnNode>();
        Array.Fill(target, -1);
        for (int m = 0; m < merges.Count; m++)
        {
            foreach (int i in merges[m].Members)
            {
                target[i] = -2 - m;
            }
        }

        var all = new List<DrawnNode>();
        var id = new int[Nodes.Count];
        var mergedId = new int[merges.Count];
        Array.Fill(mergedId, -1);
        for (int i = 0; i < Nodes.Count; i++)
        {
            if (target[i] == -1)
            {
                id[i] = all.Count;
                all.Add(Copy(Nodes[i]));
            }
            else
            {
                int m = -2 - target[i];
                if (mergedId[m] < 0)
                {
                    mergedId[m] = all.Count;
                    all.Add(merges[m].Replacement);
                }

                id[i] = mergedId[m];
            }
        }

        for (int i = 0; i < Nodes.Count; i++)
        {
            DrawnNode to = all[id[i]];
            foreach (int c in Nodes[i].Children)
            {
                int mapped = id[c];
                if (mapped != id[i] && (target[i] == -1 || !to.Children.Contains(mapped)))
                {
                    to.Children.Add(mapped);
                }
            }
        }

        // Re-sort from the output; a merged set that made a cycle leaves the graph as it was.
        int root = id[Nodes.Count - 1];
        var order = new List<int>();
        var state = new byte[all.Count];
        var stack = new Stack<(int Node, int Next)>();
        stack.Push((root, 0));
        state[root] = 1;
        while (stack.Count > 0)
        {
            (int node, int next) = stack.Pop();
            if (next < all[node].Children.Count)
            {
                stack.Push((node, next + 1));
                int child = all[node].Children[next];
                if (state[child] == 1)
                {
                    return null;
                }

                if (state[child] == 0)
                {
                    state[child] = 1;
                    stack.Push((child, 0));
                }
            }
            else
            {
                state[node] = 2;
                order.Add(node);
            }
        }

        var position = new int[all.Count];
        for (int k = 0; k < order.Count; k++)
        {
            position[order[k]] = k;
        }

        var nodes = new List<DrawnNode>(order.Count);
        foreach (int o in order)
        {
            DrawnNode copy = Copy(all[o]);
            copy.Children.AddRange(all[o].Children.Select(c => position[c]));
            nodes.Add(copy);
        }

        return new DrawnGraph(nodes, TotalCount, notes);
    }

    private static DrawnNode Copy(DrawnNode node) => new()
    {
        Source = node.Source,
        Label = node.Label,
        Op = node.Op,
        Val = node.Val,
        Grad = node.Grad,
        Kind = node.Kind,
        SummaryLines = node.SummaryLines,
        Members = node.Members,
        HasHiddenChildren = node.HasHiddenChildren,
    };
}
