namespace Autograd.Charts;

/// <summary>A node's place in a <see cref="GraphLayout"/>.</summary>
/// <param name="Node">The graph node.</param>
/// <param name="Layer">Its layer: the output's is the last, every other node's is one less than its earliest consumer's.</param>
/// <param name="Position">Its vertical place within the layer (layers are centred on 0).</param>
/// <param name="HasHiddenChildren">True when some of its children were left out to respect the cap.</param>
public sealed record LaidOutNode(CompNode Node, int Layer, double Position, bool HasHiddenChildren);
