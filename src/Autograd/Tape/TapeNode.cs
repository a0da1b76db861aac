using System.Runtime.CompilerServices;

namespace Autograd;

/// <summary>
/// A handle to one recorded operation of a <see cref="GradientTape"/>: a 16-byte value, so building
/// a loss allocates nothing. It offers <see cref="CompNode"/>'s operations with the same arithmetic,
/// so the values and gradients are the lecture's.
/// </summary>
/// <remarks>
/// A handle is valid only for the recording it came from: after its tape's
/// <see cref="GradientTape.Reset"/> or <see cref="GradientTape.Dispose"/> every member throws an
/// <see cref="InvalidOperationException"/>, and an operation on handles of two different tapes
/// throws too. A number operand (<c>x - 0.5</c>, <c>2 * x</c>) is kept in the operation's slot, not
/// recorded as a node of its own; the arithmetic is the same as <see cref="CompNode"/>'s, which
/// turns it into a leaf.
/// </remarks>
public readonly struct TapeNode
{
    private readonly TapeStorage? _storage;
    private readonly int _index;
    private readonly int _stamp;

    internal TapeNode(TapeStorage storage, int index, int stamp)
    {
        _storage = storage;
        _index = index;
        _stamp = stamp;
    }

    /// <summary>The value computed when the operation was recorded.</summary>
    public double Val => Current.Values[_index];

    /// <summary>
    /// d(output)/d(this node) after the output's <see cref="Backward"/>. Settable, so a
    /// <see cref="GradientTape.Custom"/> operation's chain-rule step can add into its children's.
    /// </summary>
    public double Grad
    {
        get => Current.Grads[_index];
        set => Current.Grads[_index] = value;
    }

    /// <summary>The operation's name as <see cref="CompNode.Op"/> spells it (<c>assign</c>, <c>add</c>, <c>power 0.5</c>, ...).</summary>
    public string Op
    {
        get
        {
            TapeStorage s = Current;
            return s.Ops[_index] switch
            {
                (TapeOp)ScalarOp.Pow => ScalarOps.Name(ScalarOp.Pow, s.Parameters[_index]),
                (TapeOp)ScalarOp.Custom => s.Customs[s.First[_index]].Op,
                TapeOp entry => ScalarOps.Name(ScalarOps.Of(entry)),
            };
        }
    }

    /// <summary>Which of the <see cref="ScalarOp"/>s this entry recorded.</summary>
    internal ScalarOp Kind => ScalarOps.Of(Current.Ops[_index]);

    /// <summary>True for a node made by <see cref="GradientTape.Variable"/>.</summary>
    public bool IsLeaf => Current.Ops[_index] == ScalarOps.Entry(ScalarOp.Assign);

    /// <summary>The slot of this operation on its tape: operations are numbered in recording order from 0.</summary>
    public int Index
    {
        get
        {
            _ = Current;
            return _index;
        }
    }

    /// <summary>The tape that recorded this node.</summary>
    public GradientTape Tape => Current.Owner;

    private TapeStorage Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            TapeStorage? s = _storage;
            if (s is null || s.Stamp != _stamp)
            {
                throw Stale("this node");
            }

            return s;
        }
    }

    /// <summary>The lecture's <c>__add__</c>.</summary>
    public static TapeNode operator +(TapeNode a, TapeNode b)
    {
        TapeStorage s = Same(a, b);
        return Make(s, ScalarOps.Entry(ScalarOp.Add), s.Values[a._index] + s.Values[b._index], a._index, b._index, 0.0);
    }

    /// <summary><c>a + b</c> with the number kept in the operation's slot.</summary>
    public static TapeNode operator +(TapeNode a, double b)
    {
        TapeStorage s = a.Current;
        return Make(s, TapeOp.AddConstant, s.Values[a._index] + b, a._index, -1, b);
    }

    /// <summary>The lecture's <c>__radd__</c>.</summary>
    public static TapeNode operator +(double a, TapeNode b)
    {
        TapeStorage s = b.Current;
        return Make(s, TapeOp.AddConstant, a + s.Values[b._index], b._index, -1, a);
    }

    /// <summary>The lecture's <c>__sub__</c>.</summary>
    public static TapeNode operator -(TapeNode a, TapeNode b)
    {
        TapeStorage s = Same(a, b);
        return Make(s, ScalarOps.Entry(ScalarOp.Sub), s.Values[a._index] - s.Values[b._index], a._index, b._index, 0.0);
    }

    /// <summary><c>a - b</c> with the number kept in the operation's slot.</summary>
    public static TapeNode operator -(TapeNode a, double b)
    {
        TapeStorage s = a.Current;
        return Make(s, TapeOp.SubConstant, s.Values[a._index] - b, a._index, -1, b);
    }

    /// <summary>The lecture's <c>__rsub__</c>.</summary>
    public static TapeNode operator -(double a, TapeNode b)
    {
        TapeStorage s = b.Current;
        return Make(s, TapeOp.ConstantSub, a - s.Values[b._index], b._index, -1, a);
    }

    /// <summary>The lecture's <c>__mul__</c>.</summary>
    public static TapeNode operator *(TapeNode a, TapeNode b)
    {
        TapeStorage s = Same(a, b);
        return Make(s, ScalarOps.Entry(ScalarOp.Mul), s.Values[a._index] * s.Values[b._index], a._index, b._index, 0.0);
    }

    /// <summary><c>a * b</c> with the number kept in the operation's slot.</summary>
    public static TapeNode operator *(TapeNode a, double b)
    {
        TapeStorage s = a.Current;
        return Make(s, TapeOp.MulConstant, s.Values[a._index] * b, a._index, -1, b);
    }

    /// <summary>The lecture's <c>__rmul__</c>.</summary>
    public static TapeNode operator *(double a, TapeNode b)
    {
        TapeStorage s = b.Current;
        return Make(s, TapeOp.MulConstant, a * s.Values[b._index], b._index, -1, a);
    }

    /// <summary>Division as micrograd writes it, <c>a * b.Pow(-1)</c>.</summary>
    public static TapeNode operator /(TapeNode a, TapeNode b)
    {
        Same(a, b);
        return a * b.Pow(-1);
    }

    /// <summary><c>a * b**-1</c>, the power of the number computed once.</summary>
    public static TapeNode operator /(TapeNode a, double b) => a * ExactPow.Pow(b, -1.0);

    /// <summary><c>a * b.Pow(-1)</c>, as <see cref="CompNode"/> divides a number by a node.</summary>
    public static TapeNode operator /(double a, TapeNode b) => a * b.Pow(-1);

    /// <summary>Negation as micrograd writes it, <c>a * -1</c>.</summary>
    public static TapeNode operator -(TapeNode a) => a * -1.0;

    /// <summary>The lecture's <c>__pow__</c>: local derivative <c>exponent * val ** (exponent - 1)</c>.</summary>
    public TapeNode Pow(double exponent)
    {
        TapeStorage s = Current;
        return Make(s, ScalarOps.Entry(ScalarOp.Pow), ExactPow.Pow(s.Values[_index], exponent), _index, -1, exponent);
    }

    /// <summary><c>e^x</c>; its derivative is its own value.</summary>
    public TapeNode Exp() => Unary(ScalarOp.Exp, Math.Exp(Val));

    /// <summary>The natural logarithm; derivative <c>1 / x</c>.</summary>
    public TapeNode Log() => Unary(ScalarOp.Log, Math.Log(Val));

    /// <summary>The hyperbolic tangent; derivative <c>1 - tanh(x)^2</c>.</summary>
    public TapeNode Tanh() => Unary(ScalarOp.Tanh, Math.Tanh(Val));

    /// <summary><c>max(x, 0)</c>; derivative 1 where <c>x &gt; 0</c>, else 0.</summary>
    public TapeNode Relu() => Unary(ScalarOp.Relu, Math.Max(Val, 0.0));

    /// <summary><c>1 / (1 + e^-x)</c>; derivative <c>s (1 - s)</c>.</summary>
    public TapeNode Sigmoid() => Unary(ScalarOp.Sigmoid, 1.0 / (1.0 + Math.Exp(-Val)));

    /// <summary>The correctly rounded square root; derivative <c>0.5 / sqrt(x)</c>.</summary>
    public TapeNode Sqrt() => Unary(ScalarOp.Sqrt, Math.Sqrt(Val));

    /// <summary>
    /// Back-propagates from this node: its gradient becomes 1 (a leaf's grows by 1), the gradients
    /// of the operations recorded up to it are reset, variables keep theirs and accumulate, and the
    /// chain-rule steps run in reverse recording order over the operations it depends on. No
    /// recursion, however long the tape.
    /// </summary>
    public void Backward() => Current.Backward(_index);

    /// <summary>The same line as <see cref="CompNode"/>'s repr: <c>op: power 0.5 | val:  0.4197 | grad: 1</c>.</summary>
    public override string ToString() =>
        _storage is null || _storage.Stamp != _stamp
            ? "TapeNode (stale: its tape was reset or disposed)"
            : $"op: {Op} | val: {PyFormat.SpaceSigned(Val)} | grad: {PyFormat.Repr(Grad)}";

    /// <summary>Throws unless this handle is current on <paramref name="storage"/>.</summary>
    internal void CheckOn(TapeStorage storage, string what)
    {
        if (_storage is null || _storage.Stamp != _stamp)
        {
            throw Stale(what);
        }

        if (_storage != storage)
        {
            throw new InvalidOperationException($"The {what} belongs to another GradientTape; operations can only combine nodes of one tape.");
        }
    }

    private TapeNode Unary(ScalarOp op, double value)
    {
        TapeStorage s = Current;
        return Make(s, ScalarOps.Entry(op), value, _index, -1, 0.0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TapeNode Make(TapeStorage s, TapeOp op, double value, int first, int second, double parameter) =>
        new(s, s.Record(op, value, first, second, parameter), s.Stamp);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TapeStorage Same(TapeNode a, TapeNode b)
    {
        TapeStorage? s = a._storage;
        if (s is null || s != b._storage || s.Stamp != a._stamp || a._stamp != b._stamp)
        {
            throw Mismatch(a, b);
        }

        return s;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static InvalidOperationException Mismatch(TapeNode a, TapeNode b)
    {
        if (a._storage is null || a._storage.Stamp != a._stamp)
        {
            return a.Stale("left operand");
        }

        if (b._storage is null || b._storage.Stamp != b._stamp)
        {
            return b.Stale("right operand");
        }

        return new InvalidOperationException("The two operands belong to different GradientTapes; operations can only combine nodes of one tape.");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private InvalidOperationException Stale(string what)
    {
        if (_storage is null)
        {
            return new InvalidOperationException($"The {what} is an empty TapeNode (default value), not one recorded on a GradientTape.");
        }

        GradientTape owner = _storage.Owner;
        return owner.IsDisposed
            ? new InvalidOperationException($"The {what} was recorded on a GradientTape that has since been disposed.")
            : new InvalidOperationException(
                $"The {what} was recorded before its GradientTape was reset; after Reset() a tape's earlier nodes are gone. Record it again on the current recording.");
    }
}
