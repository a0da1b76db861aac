using System.Buffers;
using System.Runtime.CompilerServices;

namespace Autograd;

/// <summary>
/// One node of a scalar computation graph: the lecture's <c>comp_node</c> in C#.
/// </summary>
/// <remarks>
/// <para>
/// The face is the lecture's: <see cref="Val"/>, <see cref="Grad"/>, <see cref="Children"/>,
/// <see cref="Op"/>, <see cref="BackwardProp"/>, <see cref="TopoSort"/> and <see cref="Backward"/>.
/// Each operator computes its value with the same floating-point operations as the lecture's Python
/// (powers give <see cref="Math.Pow"/>'s result bit for bit, as Python's <c>**</c> goes through C's <c>pow</c>), so
/// gradients agree with the lecture bit for bit.
/// </para>
/// <para>
/// Behind that face a built-in node stores its operation as a tag and exactly the child references
/// it needs (a leaf none, a unary operation one, a binary operation two) instead of a closure and a
/// list: 40 bytes for a leaf, 48 for a unary node, 56 for a power or a binary node. The topological
/// sort marks visited nodes with a flag that it clears again before it returns (so no counter can
/// wrap around and make a stale mark look fresh) and walks the graph with an explicit stack. A
/// graph of ten million nodes in a chain sorts and back-propagates without recursion, so it cannot
/// overflow the call stack.
/// </para>
/// <para>
/// Equality: the lecture's <c>__eq__</c> compares values while its <c>__hash__</c> is the node's
/// identity, which breaks the contract that equal objects hash alike. Here <see cref="object.Equals(object)"/>
/// and <see cref="object.GetHashCode"/> stay identity, so nodes work as keys of sets and dictionaries
/// (two nodes holding 25 are still two nodes of the graph), and the lecture's value comparison is
/// <see cref="ValueEquals"/>.
/// </para>
/// <para>
/// Arithmetic follows IEEE 754 rather than raising: <c>Pow</c> of a negative base with a fractional
/// exponent and <c>Log</c> of a negative number give NaN, <c>Log(0)</c> gives negative infinity and
/// <c>0.Pow(-0.5)</c> gives positive infinity (where Python raises or returns a complex number).
/// NaN and infinities then propagate through values and gradients, as in PyTorch.
/// </para>
/// <para>A graph is not safe to sort or back-propagate from two threads at once.</para>
/// </remarks>
public partial class CompNode
{
    /// <summary>Labels live beside the nodes, not in them: most nodes have none, and every node would pay 8 bytes for the field.</summary>
    private static readonly ConditionalWeakTable<CompNode, string> s_labels = [];

    private readonly ScalarOp _kind;
    private bool _visited;

    /// <summary>A leaf holding <paramref name="val"/>: the lecture's <c>comp_node(val)</c>, op <c>assign</c>.</summary>
    public CompNode(double val)
    {
        Val = val;
        _kind = ScalarOp.Assign;
    }

    /// <summary>
    /// A named leaf, as micrograd's <c>Value(0.3, label='x_p')</c>: the name is drawn on the
    /// charts, so a student can tell <c>x_p</c> from <c>y_p</c> when both hold 0.3.
    /// </summary>
    public CompNode(double val, string? label)
        : this(val)
    {
        Label = label;
    }

    private protected CompNode(double val, ScalarOp kind)
    {
        Val = val;
        _kind = kind;
    }

    /// <summary>The value computed in the forward pass. Settable, for a gradient-descent step on a leaf.</summary>
    public double Val { get; set; }

    /// <summary>
    /// d(output)/d(this node), filled by <see cref="BackwardProp"/> calls. It accumulates with
    /// <c>+=</c>, so a node used twice receives both contributions.
    /// </summary>
    public double Grad { get; set; }

    /// <summary>
    /// An optional name (<c>x_p</c>, <c>M</c>, <c>l</c>), for charts and for reading a graph; it
    /// changes no value. Settable, so an operation's result can be named after it is computed.
    /// </summary>
    public string? Label
    {
        get => s_labels.TryGetValue(this, out string? label) ? label : null;
        set
        {
            if (value is null)
            {
                s_labels.Remove(this);
            }
            else
            {
                s_labels.AddOrUpdate(this, value);
            }
        }
    }

    /// <summary>The nodes this one was computed from, in operand order (empty for a leaf).</summary>
    public IReadOnlyList<CompNode> Children
    {
        get
        {
            var children = new CompNode[ChildCount];
            for (int i = 0; i < children.Length; i++)
            {
                children[i] = ChildAt(i);
            }

            return children;
        }
    }

    /// <summary>The operation that made this node, named as the lecture names it (<c>add</c>, <c>sub</c>, <c>mult</c>, <c>power 0.5</c>, ...).</summary>
    public virtual string Op => ScalarOps.Name(_kind);

    /// <summary>Which of the <see cref="ScalarOp"/>s made this node.</summary>
    internal ScalarOp Kind => _kind;

    /// <summary>True for a node with no children: an input or a constant.</summary>
    public bool IsLeaf => ChildCount == 0;

    /// <summary>Converts a number to a leaf, as the lecture's <c>__to_comp_node</c> does for an operand.</summary>
    public static implicit operator CompNode(double val) => new(val);

    /// <summary>The lecture's <c>__add__</c>: op <c>add</c>, children <c>[a, b]</c>.</summary>
    public static CompNode operator +(CompNode a, CompNode b) =>
        new BinaryNode(Operand(a).Val + Operand(b).Val, ScalarOp.Add, a, b);

    /// <summary><c>a + b</c> with <paramref name="b"/> made a leaf first.</summary>
    public static CompNode operator +(CompNode a, double b) => a + new CompNode(b);

    /// <summary>The lecture's <c>__radd__</c>: <c>comp_node(a) + b</c>.</summary>
    public static CompNode operator +(double a, CompNode b) => new CompNode(a) + b;

    /// <summary>The lecture's <c>__sub__</c>: op <c>sub</c>, children <c>[a, b]</c>.</summary>
    public static CompNode operator -(CompNode a, CompNode b) =>
        new BinaryNode(Operand(a).Val - Operand(b).Val, ScalarOp.Sub, a, b);

    /// <summary><c>a - b</c> with <paramref name="b"/> made a leaf first.</summary>
    public static CompNode operator -(CompNode a, double b) => a - new CompNode(b);

    /// <summary>The lecture's <c>__rsub__</c>: <c>comp_node(a) - b</c>.</summary>
    public static CompNode operator -(double a, CompNode b) => new CompNode(a) - b;

    /// <summary>The lecture's <c>__mul__</c>: op <c>mult</c>, children <c>[a, b]</c>.</summary>
    public static CompNode operator *(CompNode a, CompNode b) =>
        new BinaryNode(Operand(a).Val * Operand(b).Val, ScalarOp.Mul, a, b);

    /// <summary><c>a * b</c> with <paramref name="b"/> made a leaf first.</summary>
    public static CompNode operator *(CompNode a, double b) => a * new CompNode(b);

    /// <summary>The lecture's <c>__rmul__</c>: <c>comp_node(a) * b</c>.</summary>
    public static CompNode operator *(double a, CompNode b) => new CompNode(a) * b;

    /// <summary>Division as micrograd writes it, <c>a * b.Pow(-1)</c>, so no new calculus is needed.</summary>
    public static CompNode operator /(CompNode a, CompNode b) => a * Operand(b).Pow(-1);

    /// <summary><c>a / b</c> with <paramref name="b"/> made a leaf first.</summary>
    public static CompNode operator /(CompNode a, double b) => a / new CompNode(b);

    /// <summary><c>comp_node(a) / b</c>.</summary>
    public static CompNode operator /(double a, CompNode b) => new CompNode(a) / b;

    /// <summary>Negation as micrograd writes it, <c>a * -1</c>.</summary>
    public static CompNode operator -(CompNode a) => a * -1.0;

    /// <summary>
    /// The lecture's <c>__pow__</c>: op <c>power {exponent}</c>, one child, local derivative
    /// <c>exponent * val ** (exponent - 1)</c>. C# has no <c>**</c> operator (and <c>^</c> is XOR),
    /// so the power is a method.
    /// </summary>
    public CompNode Pow(double exponent) => new PowNode(this, exponent);

    /// <summary><c>e^x</c>; its derivative is its own value.</summary>
    public CompNode Exp() => new UnaryNode(Math.Exp(Val), ScalarOp.Exp, this);

    /// <summary>The natural logarithm; derivative <c>1 / x</c>.</summary>
    public CompNode Log() => new UnaryNode(Math.Log(Val), ScalarOp.Log, this);

    /// <summary>The hyperbolic tangent; derivative <c>1 - tanh(x)^2</c>.</summary>
    public CompNode Tanh() => new UnaryNode(Math.Tanh(Val), ScalarOp.Tanh, this);

    /// <summary><c>max(x, 0)</c>; derivative 1 where <c>x &gt; 0</c>, else 0 (PyTorch's choice at 0).</summary>
    public CompNode Relu() => new UnaryNode(Math.Max(Val, 0.0), ScalarOp.Relu, this);

    /// <summary><c>1 / (1 + e^-x)</c>; derivative <c>s (1 - s)</c>.</summary>
    public CompNode Sigmoid() => new UnaryNode(1.0 / (1.0 + Math.Exp(-Val)), ScalarOp.Sigmoid, this);

    /// <summary>
    /// The square root, correctly rounded; derivative <c>0.5 / sqrt(x)</c>. Not the same node as
    /// <c>Pow(0.5)</c>: the lecture's graphs use <c>Pow(0.5)</c>, whose rounding can differ.
    /// </summary>
    public CompNode Sqrt() => new UnaryNode(Math.Sqrt(Val), ScalarOp.Sqrt, this);

    /// <summary>
    /// A new operation in the lecture's closure style: the caller computes the value and supplies
    /// the local chain-rule step, which receives the output node and adds into its children's
    /// <see cref="Grad"/>.
    /// </summary>
    /// <example>
    /// <code>
    /// CompNode Cube(CompNode x) =&gt;
    ///     CompNode.Custom(x.Val * x.Val * x.Val, "cube", [x], o =&gt; x.Grad += o.Grad * 3 * x.Val * x.Val);
    /// </code>
    /// </example>
    public static CompNode Custom(double val, string op, IEnumerable<CompNode> children, Action<CompNode> backwardProp)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(children);
        ArgumentNullException.ThrowIfNull(backwardProp);
        CompNode[] list = [.. children];
        for (int i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"Child {i} of custom operation '{op}' is null.", nameof(children));
            }
        }

        return new CustomNode(val, op, list, backwardProp);
    }

    /// <summary>
    /// The lecture's value comparison (<c>comp_node(5)**2 == comp_node(25)</c>): true when both
    /// nodes hold the same <see cref="Val"/>. Identity is <see cref="object.Equals(object)"/>.
    /// </summary>
    public bool ValueEquals(CompNode other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Val == other.Val;
    }

    /// <summary>
    /// This node's local chain-rule step: adds <c>Grad * d(this)/d(child)</c> into each child's
    /// <see cref="Grad"/>. Callable by hand, in reverse topological order, as in the lecture's
    /// manual traversal; a leaf does nothing.
    /// </summary>
    public virtual void BackwardProp()
    {
        double g = Grad;
        switch (_kind)
        {
            case ScalarOp.Assign:
                return;
            case ScalarOp.Add:
                {
                    BinaryNode n = Unsafe.As<BinaryNode>(this);
                    n.Left.Grad += g;
                    n.Right.Grad += g;
                    return;
                }

            case ScalarOp.Sub:
                {
                    BinaryNode n = Unsafe.As<BinaryNode>(this);
                    n.Left.Grad += g;
                    n.Right.Grad += -g;
                    return;
                }

            case ScalarOp.Mul:
                {
                    BinaryNode n = Unsafe.As<BinaryNode>(this);
                    n.Left.Grad += g * n.Right.Val;
                    n.Right.Grad += g * n.Left.Val;
                    return;
                }

            case ScalarOp.Pow:
                {
                    PowNode n = Unsafe.As<PowNode>(this);
                    CompNode b = n.Child;
                    b.Grad += g * (n.Exponent * ExactPow.Pow(b.Val, n.Exponent - 1.0));
                    return;
                }
        }

        CompNode child = Unsafe.As<UnaryNode>(this).Child;
        switch (_kind)
        {
            case ScalarOp.Exp:
                child.Grad += g * Val;
                return;
            case ScalarOp.Log:
                child.Grad += g * (1.0 / child.Val);
                return;
            case ScalarOp.Tanh:
                child.Grad += g * (1.0 - (Val * Val));
                return;
            case ScalarOp.Relu:
                child.Grad += child.Val > 0.0 ? g : 0.0;
                return;
            case ScalarOp.Sigmoid:
                child.Grad += g * (Val * (1.0 - Val));
                return;
            case ScalarOp.Sqrt:
                child.Grad += g * (0.5 / Val);
                return;
            default:
                throw new InvalidOperationException($"Unknown operation {_kind}.");
        }
    }

    /// <summary>
    /// Every node of the graph below and including this one, children before parents: the order
    /// of the lecture's recursive depth-first <c>topo_sort</c> (children visited in operand order,
    /// a node listed after all its children), computed with an explicit stack.
    /// </summary>
    public List<CompNode> TopoSort()
    {
        CompNode[] order = SortPooled(out int count);
        try
        {
            var result = new List<CompNode>(count);
            for (int i = 0; i < count; i++)
            {
                order[i]._visited = false;
                result.Add(order[i]);
            }

            return result;
        }
        finally
        {
            ArrayPool<CompNode>.Shared.Return(order, clearArray: true);
        }
    }

    /// <summary>
    /// Back-propagates from this node: every node's <see cref="BackwardProp"/> in reverse
    /// topological order, after setting this node's gradient to 1.
    /// </summary>
    /// <remarks>
    /// Interior nodes' gradients are reset to 0 first, and leaves keep what they had, so a second
    /// call adds the same gradient into the leaves again: that is PyTorch's accumulation into
    /// <c>.grad</c>. Call <see cref="ZeroGrad"/> between steps to start from zero. On a fresh graph
    /// the result is the lecture's <c>backward()</c> exactly.
    /// </remarks>
    public void Backward()
    {
        // The sort resets interior gradients as it lists each node, and the backward loop clears
        // each node's visited flag as it reaches it: one pass over the nodes fewer.
        CompNode[] order = SortPooled(out int count, resetInteriorGrads: true);
        int i = count - 1;
        try
        {
            Grad = IsLeaf ? Grad + 1.0 : 1.0;
            for (; i >= 0; i--)
            {
                CompNode node = order[i];
                node._visited = false;
                node.BackwardProp();
            }
        }
        catch
        {
            for (int k = 0; k < i; k++)
            {
                order[k]._visited = false;
            }

            throw;
        }
        finally
        {
            ArrayPool<CompNode>.Shared.Return(order, clearArray: true);
        }
    }

    /// <summary>Sets the gradient of every node of the graph (this one and all below it) to 0.</summary>
    public void ZeroGrad()
    {
        CompNode[] order = SortPooled(out int count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                order[i]._visited = false;
                order[i].Grad = 0.0;
            }
        }
        finally
        {
            ArrayPool<CompNode>.Shared.Return(order, clearArray: true);
        }
    }

    /// <summary>The lecture's repr: <c>op: power 0.5 | val:  0.4197 | children: 1 | grad: 1</c>.</summary>
    public override string ToString() =>
        $"op: {Op} | val: {PyFormat.SpaceSigned(Val)} | children: {ChildCount} | grad: {PyFormat.Repr(Grad)}";

    private static CompNode Operand(CompNode node, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(node))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(node, name);
        return node;
    }
}
