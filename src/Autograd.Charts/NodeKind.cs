namespace Autograd.Charts;

/// <summary>What a drawn record stands for; each kind has its own look and legend entry.</summary>
internal enum NodeKind
{
    /// <summary>A leaf a student named or shares between operations: what the gradient is for.</summary>
    Variable,

    /// <summary>
    /// An unnamed leaf used once in a graph whose author names nodes: a number that became a leaf
    /// (a data point's coordinate), drawn grey and dashed.
    /// </summary>
    Constant,

    /// <summary>
    /// A leaf in a graph where nothing is named: it may be a variable or a number, and the graph
    /// cannot tell which, so it is drawn plainly rather than guessed.
    /// </summary>
    Leaf,

    /// <summary>An operation's result.</summary>
    Operation,

    /// <summary>Several repeated blocks or a chain of one operation drawn as one record.</summary>
    Summary,
}
