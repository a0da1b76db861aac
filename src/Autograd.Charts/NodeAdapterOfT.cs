namespace Autograd.Charts;

/// <summary>
/// How to read a node class the charts did not write: its children, value, gradient, operation,
/// optional name and backward step. A notebook that builds its own <c>comp_node</c> (as the
/// lecture does) draws it with the same charts as <see cref="CompNode"/>, which goes through
/// <see cref="NodeAdapter.CompNode"/>.
/// </summary>
/// <typeparam name="TNode">The node class. Nodes are told apart by reference, so a class whose
/// <c>Equals</c> compares values (the lecture's <c>__eq__</c>) is still drawn node by node.</typeparam>
public sealed class NodeAdapter<TNode>
    where TNode : class
{
    /// <summary>Describes a node class by the functions that read it.</summary>
    /// <param name="children">The nodes a node was computed from, in operand order (empty for a leaf).</param>
    /// <param name="value">Its value from the forward pass.</param>
    /// <param name="grad">Its gradient (0 until a backward pass reaches it).</param>
    /// <param name="op">Its operation's name, as the lecture names them (<c>add</c>, <c>sub</c>, <c>mult</c>, <c>power 0.5</c>).</param>
    /// <param name="label">Its name (<c>x_p</c>, <c>M</c>), or null for none; a leaf with no name and one user is drawn as a data constant.</param>
    /// <param name="backwardProp">Its local chain-rule step, for <see cref="AutogradCharts.BackwardSteps{TNode}"/>.</param>
    public NodeAdapter(
        Func<TNode, IEnumerable<TNode>> children,
        Func<TNode, double> value,
        Func<TNode, double> grad,
        Func<TNode, string> op,
        Func<TNode, string?>? label = null,
        Action<TNode>? backwardProp = null)
    {
        ArgumentNullException.ThrowIfNull(children);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(grad);
        ArgumentNullException.ThrowIfNull(op);
        Children = children;
        Value = value;
        Grad = grad;
        Op = op;
        Label = label ?? (_ => null);
        BackwardProp = backwardProp;
    }

    /// <summary>The nodes a node was computed from, in operand order.</summary>
    public Func<TNode, IEnumerable<TNode>> Children { get; }

    /// <summary>A node's value.</summary>
    public Func<TNode, double> Value { get; }

    /// <summary>A node's gradient.</summary>
    public Func<TNode, double> Grad { get; }

    /// <summary>A node's operation name.</summary>
    public Func<TNode, string> Op { get; }

    /// <summary>A node's name, or null.</summary>
    public Func<TNode, string?> Label { get; }

    /// <summary>A node's local chain-rule step, or null when the class was described without one.</summary>
    public Action<TNode>? BackwardProp { get; }

    /// <summary>
    /// Sets a node's gradient, or null. With it, <see cref="AutogradCharts.BackwardSteps{TNode}"/>
    /// starts from a fresh graph (every gradient 0, the output's 1), as <c>Backward()</c> does;
    /// without it, the walk starts from the gradients the nodes hold, so set the output's
    /// gradient to 1 first, as the lecture does before its manual walk.
    /// </summary>
    public Action<TNode, double>? SetGrad { get; init; }
}
