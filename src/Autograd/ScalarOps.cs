using System.Runtime.CompilerServices;

namespace Autograd;

/// <summary>
/// The names of the <see cref="ScalarOp"/>s, as the lecture prints them (<c>assign</c>, <c>add</c>,
/// <c>mult</c>, <c>power 0.5</c>, ...), and how tape entries number them: one table that
/// <see cref="CompNode.Op"/> and <see cref="TapeNode.Op"/> both read, so the two cannot disagree.
/// </summary>
internal static class ScalarOps
{
    /// <summary>The lecture's name of <paramref name="op"/>; a power's includes its exponent as Python prints it.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="op"/> is <see cref="ScalarOp.Custom"/> (its author names it) or unknown.</exception>
    public static string Name(ScalarOp op, double exponent = 0) => op switch
    {
        ScalarOp.Assign => "assign",
        ScalarOp.Add => "add",
        ScalarOp.Sub => "sub",
        ScalarOp.Mul => "mult",
        ScalarOp.Pow => "power " + PyFormat.Repr(exponent),
        ScalarOp.Exp => "exp",
        ScalarOp.Log => "log",
        ScalarOp.Tanh => "tanh",
        ScalarOp.Relu => "relu",
        ScalarOp.Sigmoid => "sigmoid",
        ScalarOp.Sqrt => "sqrt",
        ScalarOp.Custom => throw new InvalidOperationException("A custom operation has the name its author gave it."),
        _ => throw new InvalidOperationException($"Unknown operation {op}."),
    };

    /// <summary>The tape entry of <paramref name="op"/> with node operands: the operation's own number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TapeOp Entry(ScalarOp op) => (TapeOp)op;

    /// <summary>The operation a tape entry recorded: an entry with a number operand is the operation it stands for.</summary>
    public static ScalarOp Of(TapeOp entry) => entry switch
    {
        TapeOp.AddConstant => ScalarOp.Add,
        TapeOp.SubConstant or TapeOp.ConstantSub => ScalarOp.Sub,
        TapeOp.MulConstant => ScalarOp.Mul,
        _ when entry <= (TapeOp)ScalarOp.Custom => (ScalarOp)entry,
        _ => throw new InvalidOperationException($"Unknown tape operation {entry}."),
    };
}
