namespace Autograd;

/// <summary>
/// Records scalar operations into arrays so that a training loop can build its loss, back-propagate
/// and step, over and over, without allocating: the Wengert list that TensorFlow's
/// <c>GradientTape</c> and JAX keep, for the lecture's scalar operations.
/// </summary>
/// <remarks>
/// <para>
/// Where a <see cref="CompNode"/> is an object per operation, a tape stores each operation as one
/// slot in a few parallel arrays (values, gradients, operation tags, operand indices, a parameter
/// such as an exponent or a constant operand), and a <see cref="TapeNode"/> is a 16-byte handle to
/// a slot. <see cref="Reset"/> empties the tape but keeps its arrays, so once they have grown to
/// the size of the loss, an iteration allocates nothing: no garbage collection, no objects promoted
/// through generations, and the backward pass reads memory in order instead of chasing references.
/// </para>
/// <para>
/// A handle is only valid for the recording it came from. Using it after <see cref="Reset"/> or
/// <see cref="Dispose"/>, or mixing handles of two tapes in one operation, throws an
/// <see cref="InvalidOperationException"/> that says which; a tape never reads another recording's
/// slot by mistake.
/// </para>
/// <para>
/// <b>Order of the backward pass.</b> <see cref="TapeNode.Backward"/> applies the chain-rule steps
/// in reverse recording order, a valid reverse topological order that costs nothing to compute.
/// <see cref="CompNode.Backward"/> uses the lecture's depth-first order instead. Both give every
/// node the same contributions; where a node receives several of them (a value used more than once,
/// whose gradient is a sum), the two orders may add them in a different order, and floating-point
/// addition is not associative, so such gradients can differ in the last bits (within about 1e-15
/// relative). On the lecture's loss both orders add in the same order and the results are equal bit
/// for bit.
/// </para>
/// <para>A tape is not safe to use from two threads at once.</para>
/// </remarks>
/// <example>
/// <code>
/// using var tape = new GradientTape();
/// for (int step = 0; step &lt; 100; step++)
/// {
///     tape.Reset();
///     TapeNode x = tape.Variable(px), y = tape.Variable(py);
///     TapeNode loss = (x - 1).Pow(2) + (y + 2).Pow(2);
///     loss.Backward();
///     px -= 0.1 * x.Grad;
///     py -= 0.1 * y.Grad;
/// }
/// </code>
/// </example>
public sealed class GradientTape : IDisposable
{
    private TapeStorage? _storage;

    /// <summary>An empty tape whose arrays start small and double as operations are recorded.</summary>
    public GradientTape()
        : this(TapeStorage.DefaultCapacity)
    {
    }

    /// <summary>
    /// An empty tape with room for <paramref name="capacity"/> operations before its arrays grow:
    /// for a loss of known size, the first recording then allocates once.
    /// </summary>
    public GradientTape(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _storage = new TapeStorage(this, capacity);
    }

    /// <summary>How many operations (including variables) the current recording holds.</summary>
    public int Count => Storage.Count;

    /// <summary>How many operations the tape can hold before its arrays grow.</summary>
    public int Capacity => Storage.Values.Length;

    internal bool IsDisposed => _storage is null;

    internal TapeStorage Storage =>
        _storage ?? throw new ObjectDisposedException(nameof(GradientTape), "The tape was disposed; create a new GradientTape.");

    /// <summary>
    /// Records an input: a leaf holding <paramref name="value"/>, whose <see cref="TapeNode.Grad"/>
    /// receives d(output)/d(input) when the output's <see cref="TapeNode.Backward"/> runs.
    /// </summary>
    public TapeNode Variable(double value)
    {
        TapeStorage s = Storage;
        return new TapeNode(s, s.Record(ScalarOps.Entry(ScalarOp.Assign), value, -1, -1, 0.0), s.Stamp);
    }

    /// <summary>
    /// A new operation in the lecture's closure style, as <see cref="CompNode.Custom"/>: the caller
    /// computes the value and supplies the chain-rule step, which receives the output node and adds
    /// into its children's <see cref="TapeNode.Grad"/>.
    /// </summary>
    /// <example>
    /// <code>
    /// TapeNode Cube(TapeNode x) =&gt;
    ///     tape.Custom(x.Val * x.Val * x.Val, "cube", [x], o =&gt; x.Grad += o.Grad * 3 * x.Val * x.Val);
    /// </code>
    /// </example>
    public TapeNode Custom(double val, string op, ReadOnlySpan<TapeNode> children, Action<TapeNode> backwardProp)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(backwardProp);
        TapeStorage s = Storage;
        var indices = new int[children.Length];
        for (int i = 0; i < children.Length; i++)
        {
            children[i].CheckOn(s, $"child {i} of custom operation '{op}'");
            indices[i] = children[i].Index;
        }

        s.Customs.Add(new CustomTapeOp(op, indices, backwardProp));
        return new TapeNode(s, s.Record(ScalarOps.Entry(ScalarOp.Custom), val, s.Customs.Count - 1, -1, 0.0), s.Stamp);
    }

    /// <summary>
    /// Forgets the recording and keeps the arrays for the next one. Every handle of the forgotten
    /// recording becomes invalid (using one throws), however many resets later.
    /// </summary>
    public void Reset()
    {
        TapeStorage s = Storage;
        s.Customs.Clear();
        if (s.Stamp == int.MaxValue)
        {
            _storage = s.Retire();
            return;
        }

        s.Count = 0;
        s.Stamp++;
    }

    /// <summary>Releases the arrays; every handle of the tape becomes invalid.</summary>
    public void Dispose()
    {
        if (_storage is { } s)
        {
            s.Retire();
            _storage = null;
        }
    }

    /// <summary>Makes the next <see cref="Reset"/> the one at which the recording number would wrap around.</summary>
    internal void SetStampForTesting(int stamp) => Storage.Stamp = stamp;
}
