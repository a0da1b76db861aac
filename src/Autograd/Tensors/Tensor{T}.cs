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
/// </remarks>
/// <typeparam name="TValue"><c>float</c> (PyTorch's default) or <c>double</c>.</typeparam>
public sealed class Tensor<TValue> : IFormattable
    where TValue : unmanaged, IFloatingPointIeee754<TValue>
{
    private readonly TValue[] _values;
    private readonly Tensor<TValue>[] _parents;
    private readonly Action<Tensor<TValue>, TValue[]>? _backward;
    private bool _requiresGrad;
    private bool _retainsGrad;
    private TValue[]? _pendingGrad;

    internal Tensor(TValue[] values, TensorShape shape)
        : this(values, shape, [], null, null)
    {
    }

    private Tensor(TValue[] values, TensorShape shape, Tensor<TValue>[] parents, Action<Tensor<TValue>, TValue[]>? backward, string? gradFn)
    {
        if (values.Length != shape.Numel)
        {
            throw new ArgumentException($"{values.Length} values do not fill shape {shape.Text()} ({shape.Numel} elements).");
        }

        _values = values;
        Shape = shape;
        _parents = parents;
        _backward = backward;
        GradFn = gradFn;
        _requiresGrad = backward is not null;
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

    /// <summary>PyTorch's <c>.data</c>: the same values (shared, not copied) as a leaf that records nothing.</summary>
    public Tensor<TValue> Data => new(_values, Shape);

    /// <summary>The value at a flat (row-major) position.</summary>
    [System.Runtime.CompilerServices.IndexerName("ValueAt")]
    public TValue this[int index] => _values[index];

    /// <summary>A copy of the values in row-major order.</summary>
    public TValue[] ToArray() => [.. _values];

    /// <summary>The values, read-only, in row-major order.</summary>
    public ReadOnlySpan<TValue> AsSpan() => _values;

    /// <summary>The only value of a one-element tensor: PyTorch's <c>item()</c>.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more or fewer than one element.</exception>
    public TValue Item()
    {
        if (Numel != 1)
        {
            throw new InvalidOperationException($"A tensor with {Numel} elements (shape {Shape.Text()}) cannot be converted to a scalar.");
        }

        return _values[0];
    }

    /// <summary>A leaf with the same values (shared) that records nothing.</summary>
    public Tensor<TValue> Detach() => Data;

    /// <summary>Keeps this tensor's gradient after <see cref="Backward"/> even if it is not a leaf.</summary>
    public void RetainGrad() => _retainsGrad = true;

    /// <summary>Element-wise sum with broadcasting.</summary>
    public static Tensor<TValue> operator +(Tensor<TValue> a, Tensor<TValue> b) =>
        Binary<AddOp>(a, b, "AddBackward0", static (x, y, o, g) => g, static (x, y, o, g) => g);

    /// <summary>Adds a number, first rounded to <typeparamref name="TValue"/> as PyTorch does.</summary>
    public static Tensor<TValue> operator +(Tensor<TValue> a, double b) => a + Scalar(b);

    /// <inheritdoc cref="op_Addition(Tensor{TValue}, double)"/>
    public static Tensor<TValue> operator +(double a, Tensor<TValue> b) => Scalar(a) + b;

    /// <summary>Element-wise difference with broadcasting.</summary>
    public static Tensor<TValue> operator -(Tensor<TValue> a, Tensor<TValue> b) =>
        Binary<SubOp>(a, b, "SubBackward0", static (x, y, o, g) => g, static (x, y, o, g) => Map<NegOp>(g));

    /// <summary>Subtracts a number, first rounded to <typeparamref name="TValue"/>.</summary>
    public static Tensor<TValue> operator -(Tensor<TValue> a, double b) => a - Scalar(b);

    /// <inheritdoc cref="op_Subtraction(Tensor{TValue}, double)"/>
    public static Tensor<TValue> operator -(double a, Tensor<TValue> b) => Scalar(a) - b;

    /// <summary>Element-wise product with broadcasting.</summary>
    public static Tensor<TValue> operator *(Tensor<TValue> a, Tensor<TValue> b) =>
        Binary<MulOp>(a, b, "MulBackward0", static (x, y, o, g) => Zip<MulOp>(g, y()), static (x, y, o, g) => Zip<MulOp>(g, x()));

    /// <summary>Multiplies by a number, first rounded to <typeparamref name="TValue"/>: <c>DELTA * pnt.grad</c>.</summary>
    public static Tensor<TValue> operator *(Tensor<TValue> a, double b) => a * Scalar(b);

    /// <inheritdoc cref="op_Multiply(Tensor{TValue}, double)"/>
    public static Tensor<TValue> operator *(double a, Tensor<TValue> b) => Scalar(a) * b;

    /// <summary>Element-wise quotient with broadcasting.</summary>
    public static Tensor<TValue> operator /(Tensor<TValue> a, Tensor<TValue> b) =>
        Binary<DivOp>(a, b, "DivBackward0", static (x, y, o, g) => Zip<DivOp>(g, y()), static (x, y, o, g) =>
        {
            // PyTorch: -grad * ((self / other) / other), element by element.
            TValue[] ys = y();
            var r = new TValue[g.Length];
            for (int i = 0; i < r.Length; i++)
            {
                r[i] = -g[i] * (o[i] / ys[i]);
            }

            return r;
        });

    /// <summary>Divides by a number, first rounded to <typeparamref name="TValue"/>.</summary>
    public static Tensor<TValue> operator /(Tensor<TValue> a, double b) => a / Scalar(b);

    /// <inheritdoc cref="op_Division(Tensor{TValue}, double)"/>
    public static Tensor<TValue> operator /(double a, Tensor<TValue> b) => Scalar(a) / b;

    /// <summary>Element-wise negation.</summary>
    public static Tensor<TValue> operator -(Tensor<TValue> a) =>
        Unary(a, Map<NegOp>(Check(a)._values), "NegBackward0", static (x, o, g) => Map<NegOp>(g));

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
        Array.Clear(_values);
        return this;
    }

    /// <summary>
    /// Element-wise power with a constant exponent, computed as PyTorch's CPU kernel does: 2 is
    /// <c>x * x</c>, 0.5 is <c>sqrt</c>, -1 is <c>1 / x</c> and so on, other exponents go through
    /// <c>pow</c> in double precision. The derivative is <c>grad * (exponent * x.Pow(exponent - 1))</c>.
    /// </summary>
    public Tensor<TValue> Pow(double exponent) =>
        Unary(this, PowValues(Check(this)._values, exponent), "PowBackward0", (x, o, g) =>
        {
            // PyTorch: grad * (exponent * x.pow(exponent - 1)), element by element.
            var r = new TValue[g.Length];
            if (exponent != 0)
            {
                TValue e = TValue.CreateChecked(exponent);
                TValue[] xs = x._values;
                for (int i = 0; i < r.Length; i++)
                {
                    r[i] = g[i] * (e * PowElement(xs[i], exponent - 1));
                }
            }

            return r;
        });

    /// <summary>Element-wise square root; derivative <c>grad / (2 * result)</c>.</summary>
    public Tensor<TValue> Sqrt() =>
        Unary(this, Map<SqrtOp>(_values), "SqrtBackward0", static (x, o, g) =>
        {
            // PyTorch: grad / (2 * result), element by element.
            var r = new TValue[g.Length];
            TValue two = TValue.CreateChecked(2);
            for (int i = 0; i < r.Length; i++)
            {
                r[i] = g[i] / (two * o[i]);
            }

            return r;
        });

    /// <summary>Element-wise <c>e^x</c>; derivative <c>grad * result</c>.</summary>
    public Tensor<TValue> Exp() =>
        Unary(this, Map<ExpOp>(_values), "ExpBackward0", static (x, o, g) => Zip<MulOp>(g, o));

    /// <summary>Element-wise natural logarithm; derivative <c>grad / x</c>.</summary>
    public Tensor<TValue> Log() =>
        Unary(this, Map<LogOp>(_values), "LogBackward0", static (x, o, g) => Zip<DivOp>(g, x._values));

    /// <summary>The transpose of a 2-D tensor (a copy): PyTorch's <c>t()</c>. A 0-D or 1-D tensor is returned as a copy.</summary>
    public Tensor<TValue> T()
    {
        if (Shape.Count > 2)
        {
            throw new InvalidOperationException($"T() expects a tensor with at most 2 dimensions, but this one has shape {Shape.Text()}.");
        }

        if (Shape.Count < 2)
        {
            return Unary(this, [.. _values], "TBackward0", static (x, o, g) => g);
        }

        int rows = Shape[0], cols = Shape[1];
        return Record(Transpose(_values, rows, cols), new TensorShape(cols, rows), [this], "TBackward0", (o, g) =>
            Accumulate(this, Transpose(g, cols, rows)));
    }

    /// <summary>The sum of all elements, as a 0-D tensor.</summary>
    public Tensor<TValue> Sum() =>
        Record([TensorPrimitives.Sum<TValue>(_values)], new TensorShape(), [this], "SumBackward0", (o, g) =>
            Accumulate(this, Filled(Numel, g[0])));

    /// <summary>The sum along dimension <paramref name="dim"/> (negative counts from the end), which disappears from the shape.</summary>
    public Tensor<TValue> Sum(int dim) => ReduceDim(dim, mean: false);

    /// <summary>The mean of all elements, as a 0-D tensor: the sum divided by the count.</summary>
    public Tensor<TValue> Mean()
    {
        TValue count = TValue.CreateChecked(Numel);
        return Record([TensorPrimitives.Sum<TValue>(_values) / count], new TensorShape(), [this], "MeanBackward0", (o, g) =>
            Accumulate(this, Filled(Numel, g[0] / count)));
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
            throw new InvalidOperationException("This tensor does not require grad and has no grad_fn: nothing to back-propagate. Set RequiresGrad on an input first.");
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
        _pendingGrad = seed;
        // Gradients reach each tensor in reverse topological order; a tensor's derivative runs once
        // all of its consumers have added their contributions.
        for (int i = order.Count - 1; i >= 0; i--)
        {
            Tensor<TValue> node = order[i];
            TValue[]? g = node._pendingGrad;
            node._pendingGrad = null;
            if (g is null)
            {
                continue;
            }

            if ((node.IsLeaf && node.RequiresGrad) || node._retainsGrad)
            {
                if (node.Grad is null)
                {
                    node.Grad = new Tensor<TValue>([.. g], node.Shape);
                }
                else
                {
                    TensorPrimitives.Add<TValue>(node.Grad._values, g, node.Grad._values);
                }
            }

            node._backward?.Invoke(node, g);
        }
    }

    /// <summary>PyTorch's text: <c>tensor([0.3000, 0.3000], requires_grad=True)</c>.</summary>
    public override string ToString() => TensorFormatter.Format(this);

    /// <summary>
    /// In an interpolated string a one-element 0-D tensor formats as its value, as Python's
    /// <c>f"{loss}"</c> does (<c>0.39435747265815735</c>); other tensors format as <see cref="ToString()"/>.
    /// </summary>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        Shape.Count == 0 && string.IsNullOrEmpty(format) ? PyFormat.Repr(double.CreateChecked(_values[0]))
        : Shape.Count == 0 ? _values[0].ToString(format, formatProvider)
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

    private static Tensor<TValue> Record(TValue[] values, TensorShape shape, Tensor<TValue>[] parents, string gradFn, Action<Tensor<TValue>, TValue[]> backward)
    {
        bool record = Tensor.IsGradEnabled && Array.Exists(parents, p => p.RequiresGrad);
        return record ? new Tensor<TValue>(values, shape, parents, backward, gradFn) : new Tensor<TValue>(values, shape);
    }

    private static Tensor<TValue> Unary(Tensor<TValue> x, TValue[] values, string gradFn, Func<Tensor<TValue>, TValue[], TValue[], TValue[]> derivative) =>
        Record(values, x.Shape, [x], gradFn, (o, g) => Accumulate(x, derivative(x, o._values, g)));

    private static Tensor<TValue> Binary<TOp>(
        Tensor<TValue> a,
        Tensor<TValue> b,
        string gradFn,
        Func<Func<TValue[]>, Func<TValue[]>, TValue[], TValue[], TValue[]> gradA,
        Func<Func<TValue[]>, Func<TValue[]>, TValue[], TValue[], TValue[]> gradB)
        where TOp : IBinaryOp
    {
        Check(a);
        Check(b);
        TensorShape shape = TensorShape.Broadcast(a.Shape, b.Shape);
        TValue[] values = Broadcasting.Zip<TValue, TOp>(a._values, a.Shape, b._values, b.Shape, shape);

        // The derivatives of * and / need the operands at the output's shape; they are expanded
        // only then, and only once.
        TValue[]? aFull = null, bFull = null;
        TValue[] AFull() => aFull ??= a.Shape.Equals(shape) ? a._values : Broadcasting.Expand(a._values, a.Shape, shape);
        TValue[] BFull() => bFull ??= b.Shape.Equals(shape) ? b._values : Broadcasting.Expand(b._values, b.Shape, shape);
        return Record(values, shape, [a, b], gradFn, (o, g) =>
        {
            if (a.RequiresGrad)
            {
                Accumulate(a, Broadcasting.SumTo(gradA(AFull, BFull, o._values, g), shape, a.Shape));
            }

            if (b.RequiresGrad)
            {
                Accumulate(b, Broadcasting.SumTo(gradB(AFull, BFull, o._values, g), shape, b.Shape));
            }
        });
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
        var values = new TValue[outer * inner];
        for (int o = 0; o < outer; o++)
        {
            int baseIn = o * size * inner;
            Span<TValue> row = values.AsSpan(o * inner, inner);
            row.Clear();
            for (int k = 0; k < size; k++)
            {
                ReadOnlySpan<TValue> slice = _values.AsSpan(baseIn + (k * inner), inner);
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

        return Record(values, Shape.Without(d), [this], mean ? "MeanBackward1" : "SumBackward1", (o, g) =>
        {
            var expanded = new TValue[Numel];
            for (int oi = 0; oi < outer; oi++)
            {
                for (int k = 0; k < size; k++)
                {
                    for (int i = 0; i < inner; i++)
                    {
                        TValue gi = g[(oi * inner) + i];
                        expanded[(((oi * size) + k) * inner) + i] = mean ? gi / count : gi;
                    }
                }
            }

            Accumulate(this, expanded);
        });
    }

    private static void Accumulate(Tensor<TValue> target, TValue[] grad)
    {
        if (!target.RequiresGrad)
        {
            return;
        }

        // Gradient buffers may be shared (an addition passes its incoming gradient to both
        // operands), so they are never changed in place: a second contribution makes a new sum.
        if (target._pendingGrad is null)
        {
            target._pendingGrad = grad;
        }
        else
        {
            var sum = new TValue[grad.Length];
            TensorPrimitives.Add<TValue>(target._pendingGrad, grad, sum);
            target._pendingGrad = sum;
        }
    }

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

        TValue[] full = other.Shape.Equals(Shape) ? other._values : Broadcasting.Expand(other._values, other.Shape, Shape);
        TOp.Apply(_values, full, _values);
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
        var result = new TValue[values.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                result[(c * rows) + r] = values[(r * cols) + c];
            }
        }

        return result;
    }

    private static TValue[] Filled(int count, TValue value)
    {
        var result = new TValue[count];
        result.AsSpan().Fill(value);
        return result;
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

        var result = new TValue[x.Length];
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
        _ => TValue.CreateChecked(Math.Pow(double.CreateChecked(x), exponent)),
    };

    private static TValue[] Zip<TOp>(TValue[] a, TValue[] b)
        where TOp : IBinaryOp
    {
        var result = new TValue[a.Length];
        TOp.Apply(a, b, result);
        return result;
    }

    private static TValue[] Map<TOp>(TValue[] x)
        where TOp : IUnaryOp
    {
        var result = new TValue[x.Length];
        TOp.Apply(x, result);
        return result;
    }

    internal interface IBinaryOp
    {
        static abstract TValue Apply(TValue a, TValue b);

        static abstract void Apply(ReadOnlySpan<TValue> a, ReadOnlySpan<TValue> b, Span<TValue> destination);
    }

    private interface IUnaryOp
    {
        static abstract void Apply(ReadOnlySpan<TValue> x, Span<TValue> destination);
    }

    private readonly struct AddOp : IBinaryOp
    {
        public static TValue Apply(TValue a, TValue b) => a + b;

        public static void Apply(ReadOnlySpan<TValue> a, ReadOnlySpan<TValue> b, Span<TValue> destination) => TensorPrimitives.Add(a, b, destination);
    }

    private readonly struct SubOp : IBinaryOp
    {
        public static TValue Apply(TValue a, TValue b) => a - b;

        public static void Apply(ReadOnlySpan<TValue> a, ReadOnlySpan<TValue> b, Span<TValue> destination) => TensorPrimitives.Subtract(a, b, destination);
    }

    private readonly struct MulOp : IBinaryOp
    {
        public static TValue Apply(TValue a, TValue b) => a * b;

        public static void Apply(ReadOnlySpan<TValue> a, ReadOnlySpan<TValue> b, Span<TValue> destination) => TensorPrimitives.Multiply(a, b, destination);
    }

    private readonly struct DivOp : IBinaryOp
    {
        public static TValue Apply(TValue a, TValue b) => a / b;

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
}
