namespace Autograd;

/// <summary>
/// Every operation of the scalar engines, listed once. <see cref="CompNode"/> stores it as each
/// node's tag, the tape maps each of its entries onto it and <see cref="ScalarOps"/> spells it as the
/// lecture does. A new operation starts here; <c>OpCoverageTests</c> then fail until
/// <see cref="CompNode"/>, the tape, the tests' op table, the backward chart's captions and the graph
/// chart all have it.
/// </summary>
internal enum ScalarOp : byte
{
    /// <summary>A leaf: an input or a constant (the lecture's <c>assign</c>).</summary>
    Assign,
    Add,
    Sub,
    Mul,

    /// <summary>A power with a constant exponent, which the node or the entry carries.</summary>
    Pow,
    Exp,
    Log,
    Tanh,
    Relu,
    Sigmoid,
    Sqrt,

    /// <summary>
    /// A user-defined operation, named by its author and stepped by its closure. Last: the tape numbers
    /// its number-operand forms (<see cref="TapeOp"/>) after it.
    /// </summary>
    Custom,
}
