namespace Autograd;

// Recording: how an operation becomes a node of the graph (its parents, its backward step, the
// tensors it saves and the versions it saw), or a plain result when nothing needs a gradient.
public sealed partial class Tensor<TValue>
{
    // What made this tensor: null, empty and false for a leaf.
    private readonly Tensor<TValue>[] _parents;
    private readonly Backprop? _backward;
    private readonly Tensor<TValue>[] _saved;
    private readonly int[] _savedVersions;
    private readonly bool _savesOutput;
    private bool _madeUnderNoGrad;

    /// <summary>One step of the backward pass: the output, the gradient it received (one holder, handed over) and that gradient's shape, which broadcasts to the output's.</summary>
    private delegate void Backprop(Tensor<TValue> output, GradientBuffer<TValue> grad, TensorShape gradShape);

    /// <summary>
    /// The result of an operation: a node with its backward step when an operand requires grad and
    /// recording is on, otherwise a leaf that remembers whether NoGrad was the reason.
    /// </summary>
    private static Tensor<TValue> Record(Values values, TensorShape shape, Tensor<TValue>[] parents, string gradFn, Backprop backward, Tensor<TValue>[]? saved = null, bool savesOutput = false)
    {
        if (!Array.Exists(parents, p => p.RequiresGrad))
        {
            // Remembered so that Backward can name NoGrad as the reason for a missing graph.
            return new Tensor<TValue>(values, shape, new VersionCounter()) { _madeUnderNoGrad = Array.Exists(parents, p => p._madeUnderNoGrad) };
        }

        if (!Tensor.IsGradEnabled)
        {
            return new Tensor<TValue>(values, shape, new VersionCounter()) { _madeUnderNoGrad = true };
        }

        return new Tensor<TValue>(values, shape, new VersionCounter(), parents, backward, gradFn, saved ?? [], savesOutput);
    }

    private void CheckSavedVersions()
    {
        for (int i = 0; i < _saved.Length; i++)
        {
            if (_saved[i]._version.Value != _savedVersions[i])
            {
                throw ModifiedInPlace(_saved[i], _savedVersions[i]);
            }
        }

        if (_savesOutput && _version.Value != 0)
        {
            throw ModifiedInPlace(this, 0);
        }
    }

    private InvalidOperationException ModifiedInPlace(Tensor<TValue> saved, int expected) =>
        new($"One of the tensors needed for gradient computation has been modified by an in-place operation: "
            + $"the {typeof(TValue).Name} tensor of shape {saved.Shape.Text()} that {GradFn} saved "
            + $"(its {(ReferenceEquals(saved, this) ? "result" : "input")}) is at version {saved.Version}; expected version {expected} instead"
            + $" (last changed by {saved._version.LastOperation}). The gradient would be wrong: compute the graph again after the change, or change a copy.");
}
