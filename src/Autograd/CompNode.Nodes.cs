using System.Runtime.CompilerServices;

namespace Autograd;

// How a built-in node holds its operands: a leaf none, a unary operation one, a binary operation two,
// a power its exponent too, a custom operation an array and its closure; no list, no closure otherwise.
public partial class CompNode
{
    internal int ChildCount => _kind switch
    {
        ScalarOp.Assign => 0,
        ScalarOp.Add or ScalarOp.Sub or ScalarOp.Mul => 2,
        ScalarOp.Custom => Unsafe.As<CustomNode>(this).Operands.Length,
        _ => 1,
    };

    internal CompNode ChildAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ChildCount);
        return ChildAtUnchecked(index);
    }

    /// <summary>Child <paramref name="index"/>, which the caller has checked against <see cref="ChildCount"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private CompNode ChildAtUnchecked(int index)
    {
        return _kind switch
        {
            ScalarOp.Add or ScalarOp.Sub or ScalarOp.Mul => index == 0 ? Unsafe.As<BinaryNode>(this).Left : Unsafe.As<BinaryNode>(this).Right,
            ScalarOp.Custom => Unsafe.As<CustomNode>(this).Operands[index],
            _ => Unsafe.As<UnaryNode>(this).Child,
        };
    }

    /// <summary>A built-in operation of one operand.</summary>
    private class UnaryNode(double val, ScalarOp kind, CompNode child) : CompNode(val, kind)
    {
        public readonly CompNode Child = child;
    }

    /// <summary>A built-in operation of two operands.</summary>
    private sealed class BinaryNode(double val, ScalarOp kind, CompNode left, CompNode right) : CompNode(val, kind)
    {
        public readonly CompNode Left = left;
        public readonly CompNode Right = right;
    }

    /// <summary>A power node carries its exponent; the other built-in nodes do not pay for the field.</summary>
    private sealed class PowNode(CompNode baseNode, double exponent)
        : UnaryNode(ExactPow.Pow(Operand(baseNode).Val, exponent), ScalarOp.Pow, baseNode)
    {
        public readonly double Exponent = exponent;

        public override string Op => ScalarOps.Name(ScalarOp.Pow, Exponent);
    }

    /// <summary>A user-defined operation: its children and its chain-rule step as a closure.</summary>
    private sealed class CustomNode(double val, string op, CompNode[] children, Action<CompNode> backwardProp)
        : CompNode(val, ScalarOp.Custom)
    {
        public readonly CompNode[] Operands = children;

        public override string Op => op;

        public override void BackwardProp() => backwardProp(this);
    }
}
