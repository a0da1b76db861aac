namespace Autograd.Charts;

/// <summary>Where a node is in the backward pass; each state has a colour in the legend.</summary>
internal enum NodeState
{
    /// <summary>No gradient has reached it yet.</summary>
    Waiting,

    /// <summary>It holds its gradient and waits for its turn.</summary>
    Filled,

    /// <summary>Its <c>BackwardProp()</c> ran in this step.</summary>
    Current,

    /// <summary>It has passed its gradient on.</summary>
    Done,
}
