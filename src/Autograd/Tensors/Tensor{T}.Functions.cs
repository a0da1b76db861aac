namespace Autograd;

// The element-wise functions (<c>Pow</c>, <c>Sqrt</c>, <c>Exp</c>, <c>Log</c>) and the transpose, each beside its backward step.
public sealed partial class Tensor<TValue>
{
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
        ElementwiseWithResult<SqrtOp<TValue>, SqrtKernel<TValue>>("SqrtBackward0", TValue.CreateChecked(2));

    /// <summary>Element-wise <c>e^x</c>; derivative <c>grad * result</c>.</summary>
    public Tensor<TValue> Exp() =>
        ElementwiseWithResult<ExpOp<TValue>, MultiplyResultKernel<TValue>>("ExpBackward0", TValue.Zero);

    /// <summary>Element-wise natural logarithm; derivative <c>grad / x</c>.</summary>
    public Tensor<TValue> Log()
    {
        Tensor<TValue> x = this;
        return Record(MapResult<LogOp<TValue>>(), Shape, [x], "LogBackward0", (o, g, gs) =>
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

    /// <summary>An element-wise function's values, deferred: computed by whatever reads them (a sum, the backward pass).</summary>
    private Values MapResult<TOp>()
        where TOp : IUnaryOp<TValue>
    {
        if (Pending is { } pending)
        {
            return new Values(null, new MapValues<TValue, TOp>(pending));
        }

        Storage storage = StorageOf();
        storage.Captured = true;
        return new Values(null, new MapValues<TValue, TOp>(storage.Array));
    }

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

    /// <summary>An element-wise function whose derivative needs only its result (sqrt, exp).</summary>
    private Tensor<TValue> ElementwiseWithResult<TOp, TKernel>(string gradFn, TValue constant)
        where TOp : IUnaryOp<TValue>
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
            return Zip<MulOp<TValue>>(x, x);
        }

        if (exponent == 0.5)
        {
            return Map<SqrtOp<TValue>>(x);
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
        where TOp : IBinaryOp<TValue>
    {
        TValue[] result = GC.AllocateUninitializedArray<TValue>(a.Length);
        TOp.Apply(a, b, result);
        return result;
    }

    private static TValue[] Map<TOp>(TValue[] x)
        where TOp : IUnaryOp<TValue>
    {
        TValue[] result = GC.AllocateUninitializedArray<TValue>(x.Length);
        TOp.Apply(x, result);
        return result;
    }
}
