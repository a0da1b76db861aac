namespace Autograd;

/// <summary>A user-defined operation on a tape: its name, its operands' entries and its chain-rule step.</summary>
internal sealed record CustomTapeOp(string Op, int[] Children, Action<TapeNode> BackwardProp);
