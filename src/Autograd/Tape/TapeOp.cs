namespace Autograd;

/// <summary>
/// What a tape entry computed. An entry of one of the <see cref="ScalarOp"/>s holds that operation's
/// number (<see cref="ScalarOps.Entry"/>), so the operations are not listed again here; these are the
/// forms whose operand is a plain number, kept in the entry's parameter instead of being a node,
/// numbered after the last <see cref="ScalarOp"/>.
/// </summary>
internal enum TapeOp : byte
{
    /// <summary><c>x + c</c> or <c>c + x</c>.</summary>
    AddConstant = ScalarOp.Custom + 1,

    /// <summary><c>x - c</c>.</summary>
    SubConstant,

    /// <summary><c>c - x</c>.</summary>
    ConstantSub,

    /// <summary><c>x * c</c> or <c>c * x</c>.</summary>
    MulConstant,
}
