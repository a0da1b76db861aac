namespace Autograd;

/// <summary>What a tape entry computed; an operand that was a plain number is kept in the entry's parameter instead of being a node.</summary>
internal enum TapeOp : byte
{
    Leaf,
    Add,
    Sub,
    Mul,
    AddConstant,
    SubConstant,
    ConstantSub,
    MulConstant,
    Pow,
    Exp,
    Log,
    Tanh,
    Relu,
    Sigmoid,
    Sqrt,
    Custom,
}
