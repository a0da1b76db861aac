namespace Autograd.Charts;

/// <summary>One position of the backward slider.</summary>
/// <param name="Node">The node whose <c>BackwardProp()</c> ran (an index into the graph), or -1 for the start.</param>
/// <param name="Label">The slider's short label.</param>
/// <param name="Caption">What the step did, a line per gradient it changed.</param>
/// <param name="Grads">Every node's gradient after the step.</param>
/// <param name="States">Every node's colour after the step.</param>
internal sealed record WalkStep(int Node, string Label, IReadOnlyList<string> Caption, double[] Grads, NodeState[] States);
