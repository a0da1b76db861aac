namespace Autograd.Charts;

/// <summary>
/// Folds the repetition of a graph too large to read node by node: blocks of identical shape (one
/// per data point) drawn once plus one "× k more" record, and a chain of one operation (the running
/// sum of a loss) drawn as one record.
/// </summary>
internal static class GraphFolding
{
    private const int MinRepeats = 3;

    /// <summary>
    /// Blocks of the same shape (three or more) become the first block drawn in full plus one record
    /// standing for the others; then a chain of three or more nodes of one operation, each feeding
    /// the next, becomes one record.
    /// </summary>
    public static DrawnGraph Fold(DrawnGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return FoldChains(FoldBlocks(graph));
    }

    private static DrawnGraph FoldBlocks(DrawnGraph graph)
    {
        IReadOnlyList<DrawnNode> nodes = graph.Nodes;
        int count = nodes.Count;
        List<int>[] parents = Parents(nodes);
        var shape = new int[count];
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            DrawnNode node = nodes[i];
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
            if (nodes[i].Kind == NodeKind.Operation && shapeCount[shape[i]] >= MinRepeats
                && (parents[i].Count == 0 || parents[i].Any(p => shapeCount[shape[p]] < MinRepeats)))
            {
                if (!tops.TryGetValue(shape[i], out List<int>? list))
                {
                    tops[shape[i]] = list = [];
                }

                list.Add(i);
            }
        }

        var merges = new List<MergedSet>();
        var taken = new HashSet<int>();
        var notes = new List<string>(graph.Notes);
        foreach (List<int> group in tops.Values.Where(g => g.Count >= MinRepeats))
        {
            HashSet<int> first = Block(nodes, group[0], parents);
            var members = new HashSet<int>();
            foreach (int top in group.Skip(1))
            {
                members.UnionWith(Block(nodes, top, parents));
            }

            if (members.Overlaps(first) || members.Overlaps(taken) || first.Overlaps(taken))
            {
                continue;
            }

            taken.UnionWith(members);
            taken.UnionWith(first);
            DrawnNode head = nodes[group[0]];
            string name = head.Label ?? head.Op;
            merges.Add(new MergedSet(members, new DrawnNode
            {
                Op = name,
                Kind = NodeKind.Summary,
                Members = members.Count,
                SummaryLines = [$"<b>× {group.Count - 1} more</b>", "blocks like", "the one drawn"],
            }));
            notes.Add($"one {first.Count}-node block (ending in {name}) in full; {group.Count - 1} more like it as one record");
        }

        return merges.Count == 0 ? graph : Merge(graph, merges, notes) ?? graph;
    }

    private static DrawnGraph FoldChains(DrawnGraph graph)
    {
        IReadOnlyList<DrawnNode> nodes = graph.Nodes;
        List<int>[] parents = Parents(nodes);

        // The one user of a node when it continues a chain of the same operation.
        var nextInChain = new int?[nodes.Count];
        for (int i = 0; i < nodes.Count; i++)
        {
            DrawnNode node = nodes[i];
            if (node.Kind == NodeKind.Operation && parents[i].Count == 1 && nodes[parents[i][0]] is { Kind: NodeKind.Operation } parent && parent.Op == node.Op)
            {
                nextInChain[i] = parents[i][0];
            }
        }

        var isContinuation = new bool[nodes.Count];
        foreach (int? n in nextInChain)
        {
            if (n is int next)
            {
                isContinuation[next] = true;
            }
        }

        var merges = new List<MergedSet>();
        var notes = new List<string>(graph.Notes);
        for (int i = 0; i < nodes.Count; i++)
        {
            if (isContinuation[i] || nextInChain[i] is null)
            {
                continue;
            }

            var chain = new List<int> { i };
            for (int? n = nextInChain[i]; n is int next; n = nextInChain[next])
            {
                chain.Add(next);
            }

            if (chain.Count < MinRepeats)
            {
                continue;
            }

            DrawnNode top = nodes[chain[^1]];
            merges.Add(new MergedSet([.. chain], new DrawnNode
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

        return merges.Count == 0 ? graph : Merge(graph, merges, notes) ?? graph;
    }

    /// <summary>The nodes only <paramref name="top"/> leads to: below it, stopping at nodes that other nodes use too.</summary>
    private static HashSet<int> Block(IReadOnlyList<DrawnNode> nodes, int top, List<int>[] parents)
    {
        var block = new HashSet<int> { top };
        var stack = new Stack<int>();
        stack.Push(top);
        while (stack.Count > 0)
        {
            foreach (int c in nodes[stack.Pop()].Children)
            {
                bool namedLeaf = nodes[c].Children.Count == 0 && nodes[c].Label is not null;
                if (parents[c].Count == 1 && !namedLeaf && block.Add(c))
                {
                    stack.Push(c);
                }
            }
        }

        return block;
    }

    private static List<int>[] Parents(IReadOnlyList<DrawnNode> nodes)
    {
        var parents = new List<int>[nodes.Count];
        for (int i = 0; i < parents.Length; i++)
        {
            parents[i] = [];
        }

        for (int i = 0; i < nodes.Count; i++)
        {
            foreach (int c in nodes[i].Children.Distinct())
            {
                parents[c].Add(i);
            }
        }

        return parents;
    }

    /// <summary>Replaces each set of nodes by one record; null if that would make a cycle.</summary>
    private static DrawnGraph? Merge(DrawnGraph graph, List<MergedSet> merges, List<string> notes)
    {
        IReadOnlyList<DrawnNode> nodes = graph.Nodes;

        // Which set each node is merged into (a node in none is drawn as itself).
        var setOf = new Dictionary<int, int>();
        for (int m = 0; m < merges.Count; m++)
        {
            foreach (int i in merges[m].Members)
            {
                setOf[i] = m;
            }
        }

        // The new records: one per unmerged node, one per merged set, and which record draws each node.
        var records = new List<DrawnNode>();
        var recordOf = new int[nodes.Count];
        var recordOfSet = new int?[merges.Count];
        for (int i = 0; i < nodes.Count; i++)
        {
            if (!setOf.TryGetValue(i, out int m))
            {
                recordOf[i] = records.Count;
                records.Add(nodes[i].Copy());
            }
            else
            {
                if (recordOfSet[m] is not int record)
                {
                    record = records.Count;
                    recordOfSet[m] = record;
                    records.Add(merges[m].Replacement);
                }

                recordOf[i] = record;
            }
        }

        for (int i = 0; i < nodes.Count; i++)
        {
            DrawnNode to = records[recordOf[i]];
            bool merged = setOf.ContainsKey(i);
            foreach (int c in nodes[i].Children)
            {
                int mapped = recordOf[c];
                if (mapped != recordOf[i] && (!merged || !to.Children.Contains(mapped)))
                {
                    to.Children.Add(mapped);
                }
            }
        }

        // Re-sort from the output; a merged set that made a cycle leaves the graph as it was.
        int root = recordOf[nodes.Count - 1];
        var order = new List<int>();
        var visit = new Visit[records.Count];
        var stack = new Stack<(int Node, int Next)>();
        stack.Push((root, 0));
        visit[root] = Visit.OnPath;
        while (stack.Count > 0)
        {
            (int node, int next) = stack.Pop();
            if (next < records[node].Children.Count)
            {
                stack.Push((node, next + 1));
                int child = records[node].Children[next];
                if (visit[child] == Visit.OnPath)
                {
                    return null;
                }

                if (visit[child] == Visit.NotSeen)
                {
                    visit[child] = Visit.OnPath;
                    stack.Push((child, 0));
                }
            }
            else
            {
                visit[node] = Visit.Done;
                order.Add(node);
            }
        }

        var position = new int[records.Count];
        for (int k = 0; k < order.Count; k++)
        {
            position[order[k]] = k;
        }

        var sorted = new List<DrawnNode>(order.Count);
        foreach (int o in order)
        {
            DrawnNode copy = records[o].Copy();
            copy.Children.AddRange(records[o].Children.Select(c => position[c]));
            sorted.Add(copy);
        }

        return new DrawnGraph(sorted, graph.TotalCount, notes);
    }

    /// <summary>Where the re-sort after a merge has got to with a record.</summary>
    private enum Visit : byte
    {
        NotSeen,

        /// <summary>On the current path from the output: reaching it again means a cycle.</summary>
        OnPath,
        Done,
    }

    /// <summary>Nodes to be drawn as one record, and the record that stands for them.</summary>
    private sealed record MergedSet(HashSet<int> Members, DrawnNode Replacement);
}
