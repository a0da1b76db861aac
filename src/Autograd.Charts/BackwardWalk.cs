namespace Autograd.Charts;

/// <summary>
/// The backward pass as the lecture walks it by hand: the output first, then each node once all
/// the nodes that use it have passed their gradient on (a reverse topological order, taken layer
/// by layer from the output, which is the order of the lecture's printed manual walk). One step
/// per <c>BackwardProp()</c> call, each with a caption that says what it added, with numbers.
/// Data constants are leaves with nothing to pass on and get no step of their own.
/// </summary>
internal static class BackwardWalk
{
    /// <summary>Runs the walk on the graph below <paramref name="root"/> and records every step.</summary>
    public static (DrawnGraph Graph, List<WalkStep> Steps) Run<TNode>(TNode root, NodeAdapter<TNode> adapter, int maxNodes)
        where TNode : class
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(adapter);
        Action<TNode> backwardProp = adapter.BackwardProp ?? throw new ArgumentException(
            $"The adapter for {typeof(TNode).Name} has no backwardProp: the step-by-step chart calls each node's backward step (give NodeAdapter<{typeof(TNode).Name}> a backwardProp, or a BackwardProp member for ByConvention).",
            nameof(adapter));
        DrawnGraph graph = DrawnGraph.Read(root, adapter);
        int count = graph.Nodes.Count;
        if (count > maxNodes)
        {
            throw new ArgumentException(
                $"The graph has {count} nodes; a step-by-step backward chart is readable up to {maxNodes} (raise maxNodes, or draw it with ComputationGraph).",
                nameof(root));
        }

        var nodes = graph.Nodes.Select(n => (TNode)n.Source!).ToArray();
        if (adapter.SetGrad is { } setGrad)
        {
            foreach (TNode node in nodes)
            {
                setGrad(node, 0);
            }

            setGrad(root, 1);
        }
        else if (adapter.Grad(root) == 0)
        {
            throw new InvalidOperationException(
                $"The output's gradient is 0 and the adapter cannot set it: set it to 1 before the walk (as the lecture does), or give the adapter SetGrad.");
        }

        var parentsLeft = new int[count];
        foreach (DrawnNode node in graph.Nodes)
        {
            foreach (int c in node.Children.Distinct())
            {
                parentsLeft[c]++;
            }
        }

        var states = new NodeState[count];
        states[count - 1] = NodeState.Filled;
        double[] Grads() => [.. nodes.Select(adapter.Grad)];
        int constants = graph.Nodes.Count(n => n.Kind == NodeKind.Constant);
        var order = new List<int>();
        var queue = new Queue<int>();
        queue.Enqueue(count - 1);
        while (queue.Count > 0)
        {
            int i = queue.Dequeue();
            order.Add(i);
            foreach (int c in graph.Nodes[i].Children.Distinct())
            {
                if (--parentsLeft[c] == 0)
                {
                    queue.Enqueue(c);
                }
            }
        }

        int[] stepped = [.. order.Where(i => graph.Nodes[i].Kind != NodeKind.Constant)];
        string rootName = Name(graph.Nodes[count - 1]);
        var steps = new List<WalkStep>
        {
            new(-1, "start", [
                $"Start: {rootName}.grad = 1 (d{rootName}/d{rootName}); every other gradient is 0.",
                $"Then one BackwardProp() per step, output to inputs: {stepped.Length} steps.",
                .. constants == 0 ? Array.Empty<string>() : [$"The {constants} data constant{(constants == 1 ? " is a leaf" : "s are leaves")}, nothing to pass on: no step."],
            ], Grads(), [.. states]),
        };

        foreach (int i in stepped)
        {
            DrawnNode node = graph.Nodes[i];
            double[] before = Grads();
            backwardProp(nodes[i]);
            double[] after = Grads();
            var lines = new List<string>();
            string head = $"Step {steps.Count} of {stepped.Length}: ";
            if (node.Children.Count == 0)
            {
                lines.Add(head + $"{Name(node)}.BackwardProp() does nothing:");
                lines.Add($"a leaf has nothing to pass on; {Name(node)}.grad = {ChartStyle.Short(after[i])} is d{rootName}/d{Name(node)}.");
            }
            else
            {
                lines.Add(head + $"{Name(node)}.BackwardProp(), {node.Op}, with {Name(node)}.grad = {ChartStyle.Short(before[i])}:");
                foreach (int c in node.Children.Distinct())
                {
                    lines.Add(Formula(graph, i, c, before, after));
                }
            }

            states[i] = NodeState.Current;
            foreach (int c in node.Children)
            {
                states[c] = graph.Nodes[c].Kind == NodeKind.Constant ? NodeState.Done : NodeState.Filled;
            }

            // A slider label has room for a short name; an unnamed node's step is its number.
            string label = node.Label is { Length: <= 6 } name ? $"{steps.Count}: {name}" : $"{steps.Count}";
            steps.Add(new WalkStep(i, label, lines, after, [.. states]));
            states[i] = NodeState.Done;
        }

        return (graph, steps);
    }

    /// <summary>How a caption names a node: its label, a constant's value, or its operation in brackets.</summary>
    public static string Name(DrawnNode node) => node switch
    {
        { Label: { } label } => label,
        { Kind: NodeKind.Constant or NodeKind.Leaf } => $"({ChartStyle.Short(node.Val)})",
        { Kind: NodeKind.Variable } => "input",
        _ => $"[{node.Op}]",
    };

    private static string Formula(DrawnGraph graph, int parent, int child, double[] before, double[] after)
    {
        DrawnNode node = graph.Nodes[parent];
        DrawnNode c = graph.Nodes[child];
        string name = Name(c);
        string g = ChartStyle.Short(before[parent]);
        double delta = after[child] - before[child];
        string result = ChartStyle.Short(delta) + (before[child] == 0 ? string.Empty : $" (now {ChartStyle.Short(after[child])})");
        IReadOnlyList<int> children = node.Children;
        string op = node.Op;
        string? local = op switch
        {
            "add" => "1",
            "sub" => children[0] == child ? "1" : "(-1)",
            "mult" when children.Count == 2 && children[0] != children[1] => Name(graph.Nodes[children[0] == child ? children[1] : children[0]]),
            "exp" => $"exp({name})",
            "log" => $"1/{name}",
            "tanh" => $"(1 - tanh({name})²)",
            "relu" => $"({name} > 0 ? 1 : 0)",
            "sigmoid" => $"σ({name})(1 - σ({name}))",
            "sqrt" => $"0.5/√{name}",
            _ when op.StartsWith("power ", StringComparison.Ordinal)
                && double.TryParse(op.AsSpan(6), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double p) =>
                $"{ChartStyle.Short(p)} × {name}^{ChartStyle.Short(p - 1)}",
            _ => null,
        };
        return local is null
            ? $"{name}.grad += {result}"
            : $"{name}.grad += {g} × {local} = {result}";
    }
}
