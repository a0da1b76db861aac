namespace Autograd;

/// <summary>
/// A dense tensor of <c>float</c> or <c>double</c> with reverse-mode autograd, shaped like PyTorch's
/// <c>torch.Tensor</c> in C# casing: broadcasting arithmetic, <c>Pow</c>, <c>Sqrt</c>, <c>Exp</c>,
/// <c>Log</c>, <c>Sum</c>, <c>Mean</c>, <c>Backward()</c>, <c>Grad</c>, in-place updates.
/// </summary>
/// <remarks>
/// <para>
/// Each operation uses the same floating-point operations as PyTorch's CPU kernels where the
/// lecture's numbers depend on them (a power of 2 is <c>x * x</c>, the derivative of <c>sqrt</c> is
/// <c>grad / (2 * result)</c>, a Python number in an operation is first rounded to the tensor's
/// type), so the lecture's <c>float32</c> cell prints the same digits. Large reductions may add in a
/// different order than PyTorch, so their last bits can differ.
/// </para>
/// <para>
/// A tensor that <see cref="RequiresGrad"/> records the operations applied to it; <see cref="Backward"/>
/// walks that graph in reverse topological order (without recursion) and accumulates into the
/// <see cref="Grad"/> of leaves that require grad, as PyTorch does. Only leaves and tensors that
/// called <see cref="RetainGrad"/> keep a gradient.
/// </para>
/// <para>
/// Element-wise results (a point against rows of data, squares, <c>Sqrt</c>, <c>Exp</c>, <c>Log</c>,
/// negation) and row sums of them are computed when first read, so a chain such as the lecture's
/// <c>(data - pnt).Pow(2).Sum(dim: 1).Sqrt().Mean()</c> runs as one pass over the data and the
/// intermediate results never take memory; reading one (printing, <see cref="ToArray"/>, an indexer)
/// computes it with the same operations. Gradient buffers come from a pool and go back to it during
/// <see cref="Backward"/>. Neither is visible in the values: a deferred and a computed tensor hold
/// the same bits.
/// </para>
/// </remarks>
/// <typeparam name="TValue"><c>float</c> (PyTorch's default) or <c>double</c>.</typeparam>
public sealed partial class Tensor<TValue> : IFormattable
    where TValue : unmanaged, IFloatingPointIeee754<TValue>
{
    private readonly VersionCounter _version;
    private Storage? _storage;
    private DeferredValues<TValue>? _deferred;
    private bool _requiresGrad;
    private bool _retainsGrad;

    internal Tensor(TValue[] values, TensorShape shape)
        : this(new Values(values), shape, new VersionCounter())
    {
    }

    private Tensor(Values values, TensorShape shape, VersionCounter version)
        : this(values, shape, version, [], null, null, [], savesOutput: false)
    {
    }

    private Tensor(Values values, TensorShape shape, VersionCounter version, Tensor<TValue>[] parents, Backprop? backward, string? gradFn, Tensor<TValue>[] saved, bool savesOutput)
    {
        if (values.Storage is { } storage && storage.Array.Length != shape.Numel)
        {
            throw new ArgumentException($"{storage.Array.Length} values do not fill shape {shape.Text()} ({shape.Numel} elements).");
        }

        _storage = values.Storage;
        _deferred = values.Deferred;
        _version = version;
        Shape = shape;
        _parents = parents;
        _backward = backward;
        GradFn = gradFn;
        _requiresGrad = backward is not null;
        _saved = saved;
        _savedVersions = saved.Length == 0 ? [] : Array.ConvertAll(saved, t => t._version.Value);
        _savesOutput = savesOutput;
    }

    /// <summary>The values as they are made: an array (in a storage that views share) or deferred.</summary>
    private readonly record struct Values(Storage? Storage, DeferredValues<TValue>? Deferred)
    {
        public Values(TValue[] array)
            : this(new Storage(array), null)
        {
        }

        public static implicit operator Values(TValue[] array) => new(array);
    }

    /// <summary>The sizes of the dimensions; prints as <c>torch.Size([1, 2])</c>.</summary>
    public TensorShape Shape { get; }

    /// <summary>The number of elements.</summary>
    public int Numel => Shape.Numel;

    /// <summary>
    /// Whether operations on this tensor are recorded for <see cref="Backward"/>. Settable only on a
    /// leaf (a tensor not made by a recorded operation), as in PyTorch.
    /// </summary>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (!IsLeaf)
            {
                throw new InvalidOperationException(
                    $"RequiresGrad can only be changed on a leaf tensor; this one was made by {GradFn}. Use Detach() for a leaf copy.");
            }

            _requiresGrad = value;
        }
    }

    /// <summary>True when no recorded operation made this tensor (an input, or a result under <see cref="Tensor.NoGrad"/>).</summary>
    public bool IsLeaf => _backward is null;

    /// <summary>The name of the operation that made this tensor (<c>SubBackward0</c>, <c>MeanBackward0</c>, ...), or null for a leaf.</summary>
    public string? GradFn { get; }

    /// <summary>
    /// The gradient accumulated by <see cref="Backward"/>: null until a backward pass reaches this
    /// tensor, then a tensor of the same shape. Assignable (for example to null, to drop it).
    /// </summary>
    public Tensor<TValue>? Grad { get; set; }

    /// <summary>
    /// PyTorch's <c>.data</c>: the same values (shared, not copied) as a leaf that records nothing.
    /// Like PyTorch's, its in-place changes are not counted in this tensor's <see cref="Version"/>
    /// (the escape hatch for updates the graph must not see); <see cref="Detach"/> shares the count.
    /// </summary>
    public Tensor<TValue> Data => new(new Values(StorageOf(), null), Shape, new VersionCounter());

    /// <summary>
    /// How many in-place operations have changed these values (PyTorch's <c>_version</c>).
    /// <see cref="Backward"/> compares it with the count each operation saw when it saved a tensor
    /// for its derivative, so a tensor changed in between gives an error instead of a wrong gradient.
    /// </summary>
    public int Version => _version.Value;

    /// <summary>The value at a flat (row-major) position.</summary>
    [System.Runtime.CompilerServices.IndexerName("ValueAt")]
    public TValue this[int index] => ValueArray[index];

    /// <summary>A copy of the values in row-major order.</summary>
    public TValue[] ToArray() => [.. ValueArray];

    /// <summary>The values, read-only, in row-major order.</summary>
    public ReadOnlySpan<TValue> AsSpan() => ValueArray;

    /// <summary>The only value of a one-element tensor: PyTorch's <c>item()</c>.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more or fewer than one element.</exception>
    public TValue Item()
    {
        if (Numel != 1)
        {
            throw new InvalidOperationException($"A tensor with {Numel} elements (shape {Shape.Text()}) cannot be converted to a scalar.");
        }

        return ValueArray[0];
    }

    /// <summary>A leaf with the same values (shared) and the same <see cref="Version"/> count that records nothing.</summary>
    public Tensor<TValue> Detach() => new(new Values(StorageOf(), null), Shape, _version);

    /// <summary>Keeps this tensor's gradient after <see cref="Backward"/> even if it is not a leaf.</summary>
    public void RetainGrad() => _retainsGrad = true;

    /// <summary>PyTorch's text: <c>tensor([0.3000, 0.3000], requires_grad=True)</c>.</summary>
    public override string ToString() => TensorFormatter.Format(this);

    /// <summary>
    /// In an interpolated string a one-element 0-D tensor formats as its value, as Python's
    /// <c>f"{loss}"</c> does (<c>0.39435747265815735</c>); other tensors format as <see cref="ToString()"/>.
    /// </summary>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        Shape.Count == 0 && string.IsNullOrEmpty(format) ? PyFormat.Repr(double.CreateChecked(ValueArray[0]))
        : Shape.Count == 0 ? ValueArray[0].ToString(format, formatProvider)
        : ToString();

    private static Tensor<TValue> Scalar(double value) => new([TValue.CreateChecked(value)], new TensorShape());

    private static Tensor<TValue> Check(Tensor<TValue> tensor, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(tensor))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        return tensor;
    }

    /// <summary>
    /// The values, computing deferred ones now (once): every reader but the fused paths goes through here.
    /// </summary>
    private TValue[] ValueArray => StorageOf().Array;

    private Storage StorageOf()
    {
        // Safe for concurrent readers: the storage is published before the deferred chain is
        // dropped, and two threads computing it at once keep the first one's array.
        if (_storage is { } storage)
        {
            return storage;
        }

        if (_deferred is not { } deferred)
        {
            return _storage!;
        }

        TValue[] values = TensorStorage.Allocate<TValue>(Shape);
        deferred.EvaluateInto(0, values);
        storage = Interlocked.CompareExchange(ref _storage, new Storage(values), null) ?? _storage!;
        _deferred = null;
        return storage;
    }

    /// <summary>The values for writing in place: copied first if a deferred result still reads them.</summary>
    private TValue[] MutableValues()
    {
        Storage storage = StorageOf();
        if (storage.Captured)
        {
            storage.Array = (TValue[])storage.Array.Clone();
            storage.Captured = false;
        }

        return storage.Array;
    }

    private bool IsDeferred => Pending is not null;

    /// <summary>The deferred chain while the values are not computed yet (read once into a local: another thread may compute them meanwhile).</summary>
    private DeferredValues<TValue>? Pending => _storage is null ? _deferred : null;

    /// <summary>
    /// The array behind a tensor and its <see cref="Data"/> and <see cref="Detach"/> views. Captured
    /// when a deferred result reads it later: the next in-place change then writes to a copy,
    /// which all the views switch to, while the deferred result keeps the values it was made from.
    /// </summary>
    private sealed class Storage(TValue[] array)
    {
        public TValue[] Array { get; set; } = array;

        public bool Captured { get; set; }
    }

    /// <summary>
    /// PyTorch's version counter: shared by a tensor and its <see cref="Detach"/> views, bumped by
    /// every in-place change, remembering the last one for the error message.
    /// </summary>
    private sealed class VersionCounter
    {
        public int Value { get; private set; }

        public string LastOperation { get; private set; } = "nothing";

        public void Bump(string operation)
        {
            Value++;
            LastOperation = operation;
        }
    }
}
