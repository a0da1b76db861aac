using System.Numerics.Tensors;

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
public sealed class Tensor<TValue> : IFormattable
    where TValue : unmanaged, IFloatingPointIeee754<TValue>
{
    private readonly VersionCounter _version;
    private Storage? _storage;
    private DeferredValues<TValue>? _deferred;
    private readonly Tensor<TValue>[] _parents;
    private readonly Backprop? _backward;
    private readonly Tensor<TValue>[] _saved;
    private readonly int[] _savedVersions;
    private readonly bool _savesOutput;
    private bool _madeUnderNoGrad;
    private bool _requiresGrad;
    private bool _retainsGrad;
    private GradientBuffer<TValue>? _pendingGrad;
    private TensorShape? _pendingShape;

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

    /// <summary>One step of the backward pass: the output, the gradient it received (one holder, handed over) and that gradient's shape, which broadcasts to the output's.</summary>
    private delegate void Backprop(Tensor<TValue> output, GradientBuffer<TValue> grad, TensorShape gradShape);

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

    /// <summary>Element-wise sum with broadcasting.</summary>
    public static Tensor<TValue> operator +(Tensor<TValue> a, Tensor<TValue> b) => AddOrSubtract<AddOp>(a, b, "AddBackward0", negateRight: false);

    /// <summary>Adds a number, first rounded to <typeparamref name="TValue"/> as PyTorch does.</summary>
    public static Tensor<TValue> operator +(Tensor<TValue> a, double b) => a + Scalar(b);

    /// <inheritdoc cref="op_Addition(Tensor{TValue}, double)"/>
    public static Tensor<TValue> operator +(double a, Tensor<TValue> b) => Scalar(a) + b;

    /// <summary>Element-wise difference with broadcasting.</summary>
    public static Tensor<TValue> operator -(Tensor<TValue> a, Tensor<TValue> b) => AddOrSubtract<SubOp>(a, b, "SubBackward0", negateRight: true);

    /// <summary>Subtracts a number, first rounded to <typeparamref name="TValue"/>.</summary>
    public static Tensor<TValue> operator -(Tensor<TValue> a, double b) => a - Scalar(b);

    /// <inheritdoc cref="op_Subtraction(Tensor{TValue}, double)"/>
    public static Tensor<TValue> operator -(double a, Tensor<TValue> b) => Scalar(a) - b;

    /// <summary>Element-wise product with broadcasting.</summary>
    public static Tensor<TValue> operator *(Tensor<TValue> a, Tensor<TValue> b) =>
        MultiplyOrDivide<MulOp, MultiplyKernel<TValue>, MultiplyKernel<TValue>>(a, b, "MulBackward0", rightNeedsLeft: true);

    /// <summary>Multiplies by a number, first rounded to <typeparamref name="TValue"/>: <c>DELTA * pnt.grad</c>.</summary>
    public static Tensor<TValue> operator *(Tensor<TValue> a, double b) => a * Scalar(b);

    /// <inheritdoc cref="op_Multiply(Tensor{TValue}, double)"/>
    public static Tensor<TValue> operator *(double a, Tensor<TValue> b) => Scalar(a) * b;

    /// <summary>Element-wise quotient with broadcasting.</summary>
    public static Tensor<TValue> operator /(Tensor<TValue> a, Tensor<TValue> b) =>
        MultiplyOrDivide<DivOp, DivideKernel<TValue>, DivisorKernel<TValue>>(a, b, "DivBackward0", rightNeedsLeft: false);

    /// <summary>Divides by a number, first rounded to <typeparamref name="TValue"/>.</summary>
    public static Tensor<TValue> operator /(Tensor<TValue> a, double b) => a / Scalar(b);

    /// <inheritdoc cref="op_Division(Tensor{TValue}, double)"/>
    public static Tensor<TValue> operator /(double a, Tensor<TValue> b) => Scalar(a) / b;

    /// <summary>Element-wise negation.</summary>
    public static Tensor<TValue> operator -(Tensor<TValue> a) =>
        Record(Check(a).MapResult<NegOp>(), a.Shape, [a], "NegBackward0", (o, g, gs) => Pass(a, g, gs, o.Shape, negate: true));

    /// <summary>
    /// In-place subtraction, PyTorch's <c>pnt -= DELTA * pnt.grad</c>: the values change and the
    /// tensor stays the same object. On a leaf that requires grad it is allowed only inside
    /// <see cref="Tensor.NoGrad"/>.
    /// </summary>
    public void operator -=(Tensor<TValue> other) => InPlace<SubOp>(other);

    /// <summary>In-place addition; the same rules as <c>-=</c>.</summary>
    public void operator +=(Tensor<TValue> other) => InPlace<AddOp>(other);

    /// <summary>In-place multiplication; the same rules as <c>-=</c>.</summary>
    public void operator *=(Tensor<TValue> other) => InPlace<MulOp>(other);

    /// <summary>In-place subtraction of a number.</summary>
    public void operator -=(double other) => InPlace<SubOp>(Scalar(other));

    /// <summary>In-place addition of a number.</summary>
    public void operator +=(double other) => InPlace<AddOp>(Scalar(other));

    /// <summary>In-place multiplication by a number.</summary>
    public void operator *=(double other) => InPlace<MulOp>(Scalar(other));

    /// <summary>PyTorch's <c>zero_()</c>: sets every element to 0 in place (as on a gradient between steps).</summary>
    public Tensor<TValue> Zero_()
    {
        CheckInPlace();
        Array.Clear(MutableValues());
        _version.Bump("Zero_()");
        return this;
    }

    /// <summary>
    /// Element-wise power with a constant exponent, computed as PyTorch's CPU kernel does: 2 is
    /// <c>x * x</c>, 0.5 is <c>sqrt</c>, -1 is <c>1 / x</c> and so on, other exponents go through
    /// <c>pow</c> in double precision. The derivative is <c>grad * (exponent * x.Pow(exponent - 1))</c>.
    /// </summary>
    public Tensor<TValue> Pow(double exponent)
    {
        Tensor<TValue> x = this;
        return Record(PowResult(exponent), Shape, [x], "PowBackward0", (o, g, gs) =>
        {
            // PyTorch: grad * (exponent * x.pow(exponent - 1)), element by element.
            int n = x.Numel;

            // Not the incoming buffer when a deferred x is evaluated into the result first.
            GradientBuffer<TValue> result = exponent == 2 && x.IsDeferred ? GradientBuffer<TValue>.Rent(n) : Output(g, gs, n);
            if (exponent == 0)
            {
                result.Span.Clear();
            }
            else if (exponent == 2)
            {
                // A deferred x (the lecture's difference) is evaluated into the result buffer chunk
                // by chunk, and the derivative overwrites each chunk while it is in cache.
                if (x.Pending is { } pending)
                {
                    ElementwiseKernels.MapDeferred<TValue, SquareKernel<TValue>>(g.Span, gs, x.Shape, pending, asX: true, TValue.CreateChecked(2), result.Span);
                }
                else
                {
                    ElementwiseKernels.Map<TValue, SquareKernel<TValue>>(g.Span, gs, x.Shape, x.ValueArray, default, TValue.CreateChecked(2), result.Span);
                }
            }
            else
            {
                TValue e = TValue.CreateChecked(exponent);
                TValue[] local = System.Buffers.ArrayPool<TValue>.Shared.Rent(n);
                for (int i = 0; i < n; i++)
                {
                    local[i] = e * PowElement(x.ValueArray[i], exponent - 1);
                }

                ElementwiseKernels.Map<TValue, MultiplyKernel<TValue>>(g.Span, gs, x.Shape, local.AsSpan(0, n), default, TValue.Zero, result.Span);
                System.Buffers.ArrayPool<TValue>.Shared.Return(local);
            }

            g.Release();
            Accumulate(x, result, x.Shape);
        }, saved: [x]);
    }

    /// <summary>Element-wise square root; derivative <c>grad / (2 * result)</c>.</summary>
    public Tensor<TValue> Sqrt() =>
        ElementwiseWithResult<SqrtOp, SqrtKernel<TValue>>("SqrtBackward0", TValue.CreateChecked(2));

    /// <summary>Element-wise <c>e^x</c>; derivative <c>grad * result</c>.</summary>
    public Tensor<TValue> Exp() =>
        ElementwiseWithResult<ExpOp, MultiplyResultKernel<TValue>>("ExpBackward0", TValue.Zero);

    /// <summary>Element-wise natural logarithm; derivative <c>grad / x</c>.</summary>
    public Tensor<TValue> Log()
    {
        Tensor<TValue> x = this;
        return Record(MapResult<LogOp>(), Shape, [x], "LogBackward0", (o, g, gs) =>
        {
            GradientBuffer<TValue> result = x.IsDeferred ? GradientBuffer<TValue>.Rent(x.Numel) : Output(g, gs, x.Numel);
            if (x.Pending is { } pending)
            {
                ElementwiseKernels.MapDeferred<TValue, DivideKernel<TValue>>(g.Span, gs, x.Shape, pending, asX: true, TValue.Zero, result.Span);
            }
            else
            {
                ElementwiseKernels.Map<TValue, DivideKernel<TValue>>(g.Span, gs, x.Shape, x.ValueArray, default, TValue.Zero, result.Span);
            }
            g.Release();
            Accumulate(x, result, x.Shape);
        }, saved: [x]);
    }

    /// <summary>The transpose of a 2-D tensor (a copy): PyTorch's <c>t()</c>. A 0-D or 1-D tensor is returned as a copy.</summary>
    public Tensor<TValue> T()
    {
        if (Shape.Count > 2)
        {
            throw new InvalidOperationException($"T() expects a tensor with at most 2 dimensions, but this one has shape {Shape.Text()}.");
        }

        Tensor<TValue> x = this;
        if (Shape.Count < 2)
        {
            return Record((TValue[])[.. ValueArray], Shape, [x], "TBackward0", (o, g, gs) => Accumulate(x, g, gs));
        }

        int rows = Shape[0], cols = Shape[1];
        return Record(Transpose(ValueArray, rows, cols), new TensorShape(cols, rows), [x], "TBackward0", (o, g, gs) =>
        {
            GradientBuffer<TValue> full = Full(g, gs, o.Shape);
            GradientBuffer<TValue> result = GradientBuffer<TValue>.Rent(x.Numel);
            Transpose(full.Span, cols, rows, result.Span);
            full.Release();
            Accumulate(x, result, x.Shape);
        });
    }

    /// <summary>The sum of all elements, as a 0-D tensor.</summary>
    public Tensor<TValue> Sum()
    {
        Tensor<TValue> x = this;

        // The gradient reaches every element unchanged: it is handed on as a broadcast scalar.
        return Record((TValue[])[SumAll()], new TensorShape(), [x], "SumBackward0", (o, g, gs) => Accumulate(x, g, gs));
    }

    /// <summary>The sum along dimension <paramref name="dim"/> (negative counts from the end), which disappears from the shape.</summary>
    public Tensor<TValue> Sum(int dim) => ReduceDim(dim, mean: false);

    /// <summary>The mean of all elements, as a 0-D tensor: the sum divided by the count.</summary>
    public Tensor<TValue> Mean()
    {
        Tensor<TValue> x = this;
        TValue count = TValue.CreateChecked(Numel);
        return Record((TValue[])[SumAll() / count], new TensorShape(), [x], "MeanBackward0", (o, g, gs) =>
        {
            // A broadcast scalar, as for Sum(), divided once rather than per element.
            TValue value = g.Span[0] / count;
            g.Release();
            Accumulate(x, GradientBuffer<TValue>.Own([value]), new TensorShape());
        });
    }

    /// <summary>The mean along dimension <paramref name="dim"/>, which disappears from the shape.</summary>
    public Tensor<TValue> Mean(int dim) => ReduceDim(dim, mean: true);

    /// <summary>
    /// Back-propagates from this tensor: every recorded operation's derivative in reverse
    /// topological order, accumulating into the <see cref="Grad"/> of leaves that require grad.
    /// Without <paramref name="gradient"/> the tensor must hold one element (the gradient is 1).
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor does not require grad, or has more than one element and no gradient was given.</exception>
    /// <exception cref="ArgumentException"><paramref name="gradient"/> has a different shape.</exception>
    public void Backward(Tensor<TValue>? gradient = null)
    {
        if (!RequiresGrad)
        {
            throw new InvalidOperationException(
                _madeUnderNoGrad
                    ? "This tensor was computed inside Tensor.NoGrad() (or from a tensor that was), so no graph was recorded: nothing to back-propagate. Compute it after the NoGrad scope is disposed."
                    : !Tensor.IsGradEnabled
                    ? "This tensor does not require grad and has no grad_fn, and gradient recording is off here: a Tensor.NoGrad() scope is still active on this code path. Dispose the scope (end its using block) before building what you back-propagate, and set RequiresGrad on an input."
                    : "This tensor does not require grad and has no grad_fn: nothing to back-propagate. Set RequiresGrad on an input first.");
        }

        TValue[] seed;
        if (gradient is null)
        {
            if (Numel != 1)
            {
                throw new InvalidOperationException(
                    $"grad can be implicitly created only for scalar outputs, but this tensor has shape {Shape.Text()}: pass a gradient of that shape to Backward(gradient).");
            }

            seed = [TValue.One];
        }
        else
        {
            if (!gradient.Shape.Equals(Shape))
            {
                throw new ArgumentException($"The gradient has shape {gradient.Shape.Text()} but this tensor has shape {Shape.Text()}.", nameof(gradient));
            }

            seed = gradient.ToArray();
        }

        List<Tensor<TValue>> order = TopoSort();

        // Checked before any gradient moves, so a failure leaves every Grad as it was.
        foreach (Tensor<TValue> node in order)
        {
            node.CheckSavedVersions();
        }

        _pendingGrad = GradientBuffer<TValue>.Own(seed);
        _pendingShape = Shape;
        try
        {
            // Gradients reach each tensor in reverse topological order; a tensor's derivative runs
            // once all of its consumers have added their contributions.
            for (int i = order.Count - 1; i >= 0; i--)
            {
                Tensor<TValue> node = order[i];
                GradientBuffer<TValue>? g = node._pendingGrad;
                TensorShape? gShape = node._pendingShape;
                node._pendingGrad = null;
                node._pendingShape = null;
                if (g is null || gShape is null)
                {
                    continue;
                }

                if ((node.IsLeaf && node.RequiresGrad) || node._retainsGrad)
                {
                    node.StoreGrad(g.Span, gShape);
                }

                if (node._backward is null)
                {
                    g.Release();
                }
                else
                {
                    node._backward(node, g, gShape);
                }
            }
        }
        finally
        {
            // After a failure, buffers still pending are dropped, not returned: one of them may
            // already be back in the pool, and a second return would hand it out twice.
            foreach (Tensor<TValue> node in order)
            {
                node._pendingGrad = null;
                node._pendingShape = null;
            }
        }
    }

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

    internal List<Tensor<TValue>> TopoSort()
    {
        var order = new List<Tensor<TValue>>();
        var visited = new HashSet<Tensor<TValue>>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor<TValue> Node, int Next)>();
        visited.Add(this);
        stack.Push((this, 0));
        while (stack.Count > 0)
        {
            (Tensor<TValue> node, int next) = stack.Pop();
            if (next < node._parents.Length)
            {
                stack.Push((node, next + 1));
                Tensor<TValue> parent = node._parents[next];
                if (parent.RequiresGrad && visited.Add(parent))
                {
                    stack.Push((parent, 0));
                }
            }
            else
            {
                order.Add(node);
            }
        }

        return order;
    }

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
    /// An element-wise result, deferred when one operand is a small block repeating along the other
    /// (a point against rows of data): then only a reduction or a backward pass ever computes it.
    /// </summary>
    private static Values ZipOrDefer<TOp>(Tensor<TValue> a, Tensor<TValue> b, TensorShape shape)
        where TOp : IBinaryOp
    {
        const int MaxBlock = 16;
        bool aFull = a.Shape.Numel == shape.Numel && a.Shape.Count == shape.Count;
        bool bFull = b.Shape.Numel == shape.Numel && b.Shape.Count == shape.Count;
        if (aFull != bFull && shape.Numel > 0)
        {
            (Tensor<TValue> full, Tensor<TValue> block) = aFull ? (a, b) : (b, a);
            if (block.Numel <= MaxBlock && Broadcasting.IsTrailingBlock(block.Shape, shape))
            {
                Storage storage = full.StorageOf();
                storage.Captured = true;
                return new Values(null, new BlockValues<TValue, TOp>(storage.Array, [.. block.ValueArray], blockOnRight: aFull, square: false));
            }
        }

        return Broadcasting.Zip<TValue, TOp>(a.ValueArray, a.Shape, b.ValueArray, b.Shape, shape);
    }

    /// <summary>An element-wise function's values, deferred: computed by whatever reads them (a sum, the backward pass).</summary>
    private Values MapResult<TOp>()
        where TOp : IUnaryOp
    {
        if (Pending is { } pending)
        {
            return new Values(null, new MapValues<TValue, TOp>(pending));
        }

        Storage storage = StorageOf();
        storage.Captured = true;
        return new Values(null, new MapValues<TValue, TOp>(storage.Array));
    }

    /// <summary>The sum of every value (fused with a deferred chain), in the same chunks either way.</summary>
    private TValue SumAll() => Pending is { } pending ? pending.ChunkedSum() : DeferredValues<TValue>.ChunkedSum(ValueArray);

    /// <summary>The values of <c>Pow(exponent)</c>: a square stays deferred (for a fused sum of squares), others are computed.</summary>
    private Values PowResult(double exponent)
    {
        if (exponent == 2)
        {
            if (Pending?.Squared() is { } squared)
            {
                return new Values(null, squared);
            }

            Storage storage = StorageOf();
            storage.Captured = true;
            return new Values(null, new SquareValues<TValue>(storage.Array));
        }

        return PowValues(ValueArray, exponent);
    }

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

    /// <summary>An element-wise function whose derivative needs only its result (sqrt, exp).</summary>
    private Tensor<TValue> ElementwiseWithResult<TOp, TKernel>(string gradFn, TValue constant)
        where TOp : IUnaryOp
        where TKernel : IGradientKernel<TValue>
    {
        Tensor<TValue> x = this;
        return Record(MapResult<TOp>(), Shape, [x], gradFn, (o, g, gs) =>
        {
            // A deferred result is evaluated into the result buffer, which the derivative then overwrites.
            GradientBuffer<TValue> result = o.IsDeferred ? GradientBuffer<TValue>.Rent(x.Numel) : Output(g, gs, x.Numel);
            if (o.Pending is { } pending)
            {
                ElementwiseKernels.MapDeferred<TValue, TKernel>(g.Span, gs, x.Shape, pending, asX: false, constant, result.Span);
            }
            else
            {
                ElementwiseKernels.Map<TValue, TKernel>(g.Span, gs, x.Shape, default, o.ValueArray, constant, result.Span);
            }
            g.Release();
            Accumulate(x, result, x.Shape);
        }, savesOutput: true);
    }

    private static Tensor<TValue> AddOrSubtract<TOp>(Tensor<TValue> a, Tensor<TValue> b, string gradFn, bool negateRight)
        where TOp : IBinaryOp
    {
        Check(a);
        Check(b);
        TensorShape shape = TensorShape.Broadcast(a.Shape, b.Shape);
        Values values = ZipOrDefer<TOp>(a, b, shape);
        return Record(values, shape, [a, b], gradFn, (o, g, gs) =>
        {
            // Both operands receive the same buffer: one more holder, so neither writes into it
            // while the other may still read it.
            g.Share();
            Pass(a, g, gs, shape, negate: false);
            Pass(b, g, gs, shape, negateRight);
        });
    }

    private static Tensor<TValue> MultiplyOrDivide<TOp, TLeftKernel, TRightKernel>(Tensor<TValue> a, Tensor<TValue> b, string gradFn, bool rightNeedsLeft)
        where TOp : IBinaryOp
        where TLeftKernel : IGradientKernel<TValue>
        where TRightKernel : IGradientKernel<TValue>
    {
        Check(a);
        Check(b);
        TensorShape shape = TensorShape.Broadcast(a.Shape, b.Shape);
        Values values = ZipOrDefer<TOp>(a, b, shape);
        return Record(values, shape, [a, b], gradFn, (o, g, gs) =>
        {
            int n = shape.Numel;

            // The derivatives need the operands at the output's shape; expanded only if broadcast.
            if (a.RequiresGrad)
            {
                GradientBuffer<TValue> da = b.RequiresGrad ? GradientBuffer<TValue>.Rent(n) : Output(g, gs, n);
                ElementwiseKernels.Map<TValue, TLeftKernel>(g.Span, gs, shape, At(b, shape), default, TValue.Zero, da.Span);
                Pass(a, da, shape, shape, negate: false);
            }

            if (b.RequiresGrad)
            {
                GradientBuffer<TValue> db = Output(g, gs, n);
                ElementwiseKernels.Map<TValue, TRightKernel>(g.Span, gs, shape, rightNeedsLeft ? At(a, shape) : At(b, shape), o.ValueArray, TValue.Zero, db.Span);
                Pass(b, db, shape, shape, negate: false);
            }

            g.Release();
        }, saved: [a, b], savesOutput: !rightNeedsLeft);
    }

    /// <summary>A tensor's values at a broadcast shape: its own array when the shapes agree.</summary>
    private static TValue[] At(Tensor<TValue> t, TensorShape shape) =>
        t.Shape.Numel == shape.Numel ? t.ValueArray : Broadcasting.Expand(t.ValueArray, t.Shape, shape);

    /// <summary>
    /// Where a backward step writes its result: into the incoming buffer when this step is its only
    /// holder and it has the full shape (one pass, no new memory), otherwise a pooled buffer.
    /// </summary>
    private static GradientBuffer<TValue> Output(GradientBuffer<TValue> g, TensorShape gShape, int n) =>
        g.Exclusive && gShape.Numel == n && g.Length == n ? g.Share() : GradientBuffer<TValue>.Rent(n);

    /// <summary>The gradient at the full <paramref name="shape"/>: itself if it is not broadcast (takes over the holder).</summary>
    private static GradientBuffer<TValue> Full(GradientBuffer<TValue> g, TensorShape gShape, TensorShape shape)
    {
        if (gShape.Numel == shape.Numel)
        {
            return g;
        }

        GradientBuffer<TValue> full = GradientBuffer<TValue>.Rent(shape.Numel);
        ElementwiseKernels.Map<TValue, CopyKernel<TValue>>(g.Span, gShape, shape, default, default, TValue.Zero, full.Span);
        g.Release();
        return full;
    }

    /// <summary>
    /// Hands <paramref name="g"/> (broadcasting to <paramref name="shape"/>, the output's shape) to
    /// an operand, summed over the dimensions broadcasting stretched when the operand is smaller.
    /// </summary>
    private static void Pass(Tensor<TValue> target, GradientBuffer<TValue> g, TensorShape gShape, TensorShape shape, bool negate)
    {
        if (!target.RequiresGrad)
        {
            g.Release();
            return;
        }

        if (target.Shape.Numel == shape.Numel)
        {
            if (negate)
            {
                GradientBuffer<TValue> result = g.Exclusive ? g.Share() : GradientBuffer<TValue>.Rent(g.Length);
                ElementwiseKernels.Map<TValue, NegateKernel<TValue>>(g.Span, gShape, gShape, default, default, TValue.Zero, result.Span);
                g.Release();
                g = result;
            }

            if (gShape.Count > target.Shape.Count)
            {
                // Same values, fewer dimensions (a [1, 3] output of a [3] operand): read at the operand's shape.
                g = Full(g, gShape, shape);
                gShape = target.Shape;
            }

            Accumulate(target, g, gShape);
            return;
        }

        GradientBuffer<TValue> full = Full(g, gShape, shape);
        GradientBuffer<TValue> reduced = GradientBuffer<TValue>.Rent(target.Numel);
        ElementwiseKernels.SumTo(full.Span, shape, target.Shape, negate, reduced.Span);
        full.Release();
        Accumulate(target, reduced, target.Shape);
    }

    private Tensor<TValue> ReduceDim(int dim, bool mean)
    {
        int d = Shape.NormalizeDim(dim);
        int outer = 1, inner = 1, size = Shape[d];
        for (int i = 0; i < d; i++)
        {
            outer *= Shape[i];
        }

        for (int i = d + 1; i < Shape.Count; i++)
        {
            inner *= Shape[i];
        }

        TValue count = TValue.CreateChecked(size);
        TensorShape reducedShape = Shape.Without(d);
        // Row sums of a deferred chain (the lecture's squared differences) stay deferred: whoever
        // reads them computes the sum of squares along the dimension in the same pass.
        Values result = inner == 1 && !mean && Pending is { } pending
            ? new Values(null, new RunSumValues<TValue>(pending, size))
            : ReduceNow(outer, size, inner, mean, reducedShape);

        // The reduced gradient, read with the reduced dimension kept as size 1, already has the
        // layout that broadcasts over the input: it is handed on without being expanded.
        int[] kept = Shape.ToArray();
        kept[d] = 1;
        var keptShape = new TensorShape(kept);
        Tensor<TValue> x = this;
        return Record(result, reducedShape, [x], mean ? "MeanBackward1" : "SumBackward1", (o, g, gs) =>
        {
            GradientBuffer<TValue> full = Full(g, gs, reducedShape);
            if (mean)
            {
                GradientBuffer<TValue> divided = full.Exclusive ? full.Share() : GradientBuffer<TValue>.Rent(full.Length);
                TensorPrimitives.Divide<TValue>(full.Span, count, divided.Span);
                full.Release();
                full = divided;
            }

            Accumulate(x, full, keptShape);
        });
    }

    private TValue[] ReduceNow(int outer, int size, int inner, bool mean, TensorShape reducedShape)
    {
        TValue count = TValue.CreateChecked(size);
        TValue[] values = TensorStorage.Allocate<TValue>(reducedShape);
        if (inner == 1 && Pending is { } pending)
        {
            pending.SumRuns(size, 0, values);
            if (mean)
            {
                TensorPrimitives.Divide<TValue>(values, count, values);
            }
        }
        else if (inner == 1)
        {
            // Rows of contiguous values (the lecture's sum over coordinates): one running sum per row.
            for (int o = 0; o < outer; o++)
            {
                ReadOnlySpan<TValue> row = ValueArray.AsSpan(o * size, size);
                TValue sum = TValue.Zero;
                for (int k = 0; k < row.Length; k++)
                {
                    sum += row[k];
                }

                values[o] = mean ? sum / count : sum;
            }
        }
        else
        {
            for (int o = 0; o < outer; o++)
            {
                int baseIn = o * size * inner;
                Span<TValue> row = values.AsSpan(o * inner, inner);
                row.Clear();
                for (int k = 0; k < size; k++)
                {
                    ReadOnlySpan<TValue> slice = ValueArray.AsSpan(baseIn + (k * inner), inner);
                    for (int i = 0; i < inner; i++)
                    {
                        row[i] += slice[i];
                    }
                }

                if (mean)
                {
                    for (int i = 0; i < inner; i++)
                    {
                        row[i] /= count;
                    }
                }
            }
        }

        return values;
    }

    /// <summary>
    /// Adds a gradient to what <paramref name="target"/> has received so far, taking over the
    /// caller's holder of <paramref name="grad"/>. A buffer is written only when exclusively held.
    /// </summary>
    private static void Accumulate(Tensor<TValue> target, GradientBuffer<TValue> grad, TensorShape gradShape)
    {
        if (!target.RequiresGrad)
        {
            grad.Release();
            return;
        }

        GradientBuffer<TValue>? existing = target._pendingGrad;
        if (existing is null)
        {
            target._pendingGrad = grad;
            target._pendingShape = gradShape;
            return;
        }

        TensorShape existingShape = target._pendingShape!;
        int n = target.Numel;
        if (existing != grad && existing.Exclusive && existingShape.Numel == n)
        {
            ElementwiseKernels.Map<TValue, AddKernel<TValue>>(grad.Span, gradShape, target.Shape, existing.Span, default, TValue.Zero, existing.Span);
            grad.Release();
        }
        else if (existing != grad && grad.Exclusive && gradShape.Numel == n)
        {
            ElementwiseKernels.Map<TValue, AddKernel<TValue>>(existing.Span, existingShape, target.Shape, grad.Span, default, TValue.Zero, grad.Span);
            existing.Release();
            target._pendingGrad = grad;
        }
        else
        {
            GradientBuffer<TValue> sum = GradientBuffer<TValue>.Rent(n);
            ElementwiseKernels.Map<TValue, CopyKernel<TValue>>(existing.Span, existingShape, target.Shape, default, default, TValue.Zero, sum.Span);
            ElementwiseKernels.Map<TValue, AddKernel<TValue>>(grad.Span, gradShape, target.Shape, sum.Span, default, TValue.Zero, sum.Span);
            existing.Release();
            grad.Release();
            target._pendingGrad = sum;
        }

        target._pendingShape = target.Shape;
    }

    /// <summary>Adds an arriving gradient to <see cref="Grad"/>, which is always this tensor's own array (never a pooled one).</summary>
    private void StoreGrad(ReadOnlySpan<TValue> g, TensorShape gShape)
    {
        if (Grad is null || !Grad.Shape.Equals(Shape))
        {
            TValue[] values = TensorStorage.Allocate<TValue>(Shape);
            ElementwiseKernels.Map<TValue, CopyKernel<TValue>>(g, gShape, Shape, default, default, TValue.Zero, values);
            Grad = new Tensor<TValue>(values, Shape);
        }
        else
        {
            TValue[] grad = Grad.MutableValues();
            ElementwiseKernels.Map<TValue, AddKernel<TValue>>(g, gShape, Shape, grad, default, TValue.Zero, grad);
        }
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

    private void InPlace<TOp>(Tensor<TValue> other)
        where TOp : IBinaryOp
    {
        Check(other);
        CheckInPlace();
        TensorShape shape = TensorShape.Broadcast(Shape, other.Shape);
        if (!shape.Equals(Shape))
        {
            throw new ArgumentException($"An in-place update cannot change the shape: {Shape.Text()} with {other.Shape.Text()} broadcasts to {shape.Text()}.", nameof(other));
        }

        TValue[] full = other.Shape.Equals(Shape) ? other.ValueArray : Broadcasting.Expand(other.ValueArray, other.Shape, Shape);
        TValue[] values = MutableValues();
        TOp.Apply(values, full, values);
        _version.Bump(TOp.InPlaceName);
    }

    private void CheckInPlace()
    {
        if (RequiresGrad && Tensor.IsGradEnabled)
        {
            throw new InvalidOperationException(
                IsLeaf
                    ? "A leaf tensor that requires grad is being used in an in-place operation: do the update inside using (Tensor.NoGrad()) { ... }."
                    : $"In-place operations on a tensor recorded for backward ({GradFn}) are not supported: the recorded graph would change under it.");
        }
    }

    private static TValue[] Transpose(ReadOnlySpan<TValue> values, int rows, int cols)
    {
        TValue[] result = TensorStorage.Allocate<TValue>(new TensorShape(cols, rows));
        Transpose(values, rows, cols, result);
        return result;
    }

    private static void Transpose(ReadOnlySpan<TValue> values, int rows, int cols, Span<TValue> result)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                result[(c * rows) + r] = values[(r * cols) + c];
            }
        }
    }

    private static TValue[] PowValues(TValue[] x, double exponent)
    {
        if (exponent == 2)
        {
            return Zip<MulOp>(x, x);
        }

        if (exponent == 0.5)
        {
            return Map<SqrtOp>(x);
        }

        TValue[] result = GC.AllocateUninitializedArray<TValue>(x.Length);
        for (int i = 0; i < x.Length; i++)
        {
            result[i] = PowElement(x[i], exponent);
        }

        return result;
    }

    /// <summary>
    /// PyTorch's CPU power with a scalar exponent (<c>PowKernel.cpp</c>): 0 gives 1, 1 copies, 2, 3
    /// and -2 multiply, 0.5, -0.5 and -1 are <c>sqrt</c>, <c>1 / sqrt</c> and <c>1 / x</c>; any other
    /// exponent calls <c>pow</c> in double precision (for float too) and rounds the result.
    /// </summary>
    private static TValue PowElement(TValue x, double exponent) => exponent switch
    {
        0 => TValue.One,
        1 => x,
        2 => x * x,
        3 => x * x * x,
        -2 => TValue.One / (x * x),
        0.5 => TValue.Sqrt(x),
        -0.5 => TValue.One / TValue.Sqrt(x),
        -1 => TValue.One / x,
        _ => TValue.CreateChecked(ExactPow.Pow(double.CreateChecked(x), exponent)),
    };

    private static TValue[] Zip<TOp>(TValue[] a, TValue[] b)
        where TOp : IBinaryOp
    {
        TValue[] result = GC.AllocateUninitializedArray<TValue>(a.Length);
        TOp.Apply(a, b, result);
        return result;
    }

    private static TValue[] Map<TOp>(TValue[] x)
        where TOp : IUnaryOp
    {
        TValue[] result = GC.AllocateUninitializedArray<TValue>(x.Length);
        TOp.Apply(x, result);
        return result;
    }

    internal interface IBinaryOp
    {
        /// <summary>The operator's name in an in-place error message.</summary>
        static abstract string InPlaceName { get; }

        static abstract TValue Apply(TValue a, TValue b);

        static abstract Vector<TValue> Apply(Vector<TValue> a, Vector<TValue> b);

        static abstract void Apply(ReadOnlySpan<TValue> a, ReadOnlySpan<TValue> b, Span<TValue> destination);
    }

    internal interface IUnaryOp
    {
        static abstract void Apply(ReadOnlySpan<TValue> x, Span<TValue> destination);
    }

    private readonly struct AddOp : IBinaryOp
    {
        public static string InPlaceName => "+=";

        public static TValue Apply(TValue a, TValue b) => a + b;

        public static Vector<TValue> Apply(Vector<TValue> a, Vector<TValue> b) => a + b;

        public static void Apply(ReadOnlySpan<TValue> a, ReadOnlySpan<TValue> b, Span<TValue> destination) => TensorPrimitives.Add(a, b, destination);
    }

    private readonly struct SubOp : IBinaryOp
    {
        public static string InPlaceName => "-=";

        public static TValue Apply(TValue a, TValue b) => a - b;

        public static Vector<TValue> Apply(Vector<TValue> a, Vector<TValue> b) => a - b;

        public static void Apply(ReadOnlySpan<TValue> a, ReadOnlySpan<TValue> b, Span<TValue> destination) => TensorPrimitives.Subtract(a, b, destination);
    }

    private readonly struct MulOp : IBinaryOp
    {
        public static string InPlaceName => "*=";

        public static TValue Apply(TValue a, TValue b) => a * b;

        public static Vector<TValue> Apply(Vector<TValue> a, Vector<TValue> b) => a * b;

        public static void Apply(ReadOnlySpan<TValue> a, ReadOnlySpan<TValue> b, Span<TValue> destination) => TensorPrimitives.Multiply(a, b, destination);
    }

    private readonly struct DivOp : IBinaryOp
    {
        public static string InPlaceName => "/=";

        public static TValue Apply(TValue a, TValue b) => a / b;

        public static Vector<TValue> Apply(Vector<TValue> a, Vector<TValue> b) => a / b;

        public static void Apply(ReadOnlySpan<TValue> a, ReadOnlySpan<TValue> b, Span<TValue> destination) => TensorPrimitives.Divide(a, b, destination);
    }

    private readonly struct NegOp : IUnaryOp
    {
        public static void Apply(ReadOnlySpan<TValue> x, Span<TValue> destination) => TensorPrimitives.Negate(x, destination);
    }

    private readonly struct SqrtOp : IUnaryOp
    {
        public static void Apply(ReadOnlySpan<TValue> x, Span<TValue> destination) => TensorPrimitives.Sqrt(x, destination);
    }

    private readonly struct ExpOp : IUnaryOp
    {
        public static void Apply(ReadOnlySpan<TValue> x, Span<TValue> destination) => TensorPrimitives.Exp(x, destination);
    }

    private readonly struct LogOp : IUnaryOp
    {
        public static void Apply(ReadOnlySpan<TValue> x, Span<TValue> destination) => TensorPrimitives.Log(x, destination);
    }

    /// <summary>
    /// PyTorch's version counter: shared by a tensor and its <see cref="Detach"/> views, bumped by
    /// every in-place change, remembering the last one for the error message.
    /// </summary>
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
