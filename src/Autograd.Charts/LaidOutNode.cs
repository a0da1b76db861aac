namespace Autograd.Charts;

/// <summary>A record's place in a <see cref="GraphLayout"/>.</summary>
/// <param name="Node">The record.</param>
/// <param name="Layer">Its layer: the output's is the last, every other node's is one less than its earliest consumer's.</param>
/// <param name="Position">Its vertical place within the layer (layers are centred on 0).</param>
internal sealed record LaidOutNode(DrawnNode Node, int Layer, double Position);
