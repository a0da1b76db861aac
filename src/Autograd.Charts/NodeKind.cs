namespace Autograd.Charts;

/// <summary>What a drawn record stands for; each kind has its own look and legend entry.</summary>
internal enum NodeKind
{
    /// <summary>A leaf a student named or shares between operations: what the gradient is for.</summary>
    Variable,

    /// <summary>A number that became a leaf (a data point's coordinate): drawn plain and dashed.</summary>
    Constant,

    /// <summary>An operation's result.</summary>
    Operation,

    /// <summary>Several repeated blocks or a chain of one operation drawn as one record.</summary>
    Summary,
}
