namespace Autograd;

// The arithmetic operators with broadcasting, each beside its backward step.
public sealed partial class Tensor<TValue>
{
    /// <summary>Element-wise sum with broadcasting.</summary>
    public static Tensor<TValue> operator +(Tensor<TValue> a, Tensor<TValue> b) => AddOrSubtract<AddOp<TValue>>(a, b, "AddBackward0", negateRight: false);

    /// <summary>Adds a number, first rounded to <typeparamref name="TValue"/> as PyTorch does.</summary>
    public static Tensor<TValue> operator +(Tensor<TValue> a, double b) => a + Scalar(b);

    /// <inheritdoc cref="op_Addition(Tensor{TValue}, double)"/>
    public static Tensor<TValue> operator +(double a, Tensor<TValue> b) => Scalar(a) + b;

    /// <summary>Element-wise difference with broadcasting.</summary>
    public static Tensor<TValue> operator -(Tensor<TValue> a, Tensor<TValue> b) => AddOrSubtract<SubOp<TValue>>(a, b, "SubBackward0", negateRight: true);

    /// <summary>Subtracts a number, first rounded to <typeparamref name="TValue"/>.</summary>
    public static Tensor<TValue> operator -(Tensor<TValue> a, double b) => a - Scalar(b);

    /// <inheritdoc cref="op_Subtraction(Tensor{TValue}, double)"/>
    public static Tensor<TValue> operator -(double a, Tensor<TValue> b) => Scalar(a) - b;

    /// <summary>Element-wise product with broadcasting.</summary>
    public static Tensor<TValue> operator *(Tensor<TValue> a, Tensor<TValue> b) =>
        MultiplyOrDivide<MulOp<TValue>, MultiplyKernel<TValue>, MultiplyKernel<TValue>>(a, b, "MulBackward0", rightNeedsLeft: true);

    /// <summary>Multiplies by a number, first rounded to <typeparamref name="TValue"/>: <c>DELTA * pnt.grad</c>.</summary>
    public static Tensor<TValue> operator *(Tensor<TValue> a, double b) => a * Scalar(b);

    /// <inheritdoc cref="op_Multiply(Tensor{TValue}, double)"/>
    public static Tensor<TValue> operator *(double a, Tensor<TValue> b) => Scalar(a) * b;

    /// <summary>Element-wise quotient with broadcasting.</summary>
    public static Tensor<TValue> operator /(Tensor<TValue> a, Tensor<TValue> b) =>
        MultiplyOrDivide<DivOp<TValue>, DivideKernel<TValue>, DivisorKernel<TValue>>(a, b, "DivBackward0", rightNeedsLeft: false);

    /// <summary>Divides by a number, first rounded to <typeparamref name="TValue"/>.</summary>
    public static Tensor<TValue> operator /(Tensor<TValue> a, double b) => a / Scalar(b);

    /// <inheritdoc cref="op_Division(Tensor{TValue}, double)"/>
    public static Tensor<TValue> operator /(double a, Tensor<TValue> b) => Scalar(a) / b;

    /// <summary>Element-wise negation.</summary>
    public static Tensor<TValue> operator -(Tensor<TValue> a) =>
        Record(Check(a).MapResult<NegOp<TValue>>(), a.Shape, [a], "NegBackward0", (o, g, gs) => Pass(a, g, gs, o.Shape, negate: true));

    /// <summary>
    /// The element-wise result of two checked operands at their broadcast <paramref name="shape"/>,
    /// deferred when one operand is a small block repeating along the other (a point against rows of
    /// data): then only a reduction or a backward pass ever computes it.
    /// </summary>
    private static Values ZipOrDefer<TOp>(Tensor<TValue> a, Tensor<TValue> b, out TensorShape shape)
        where TOp : IBinaryOp<TValue>
    {
        Check(a);
        Check(b);
        shape = TensorShape.Broadcast(a.Shape, b.Shape);
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

    private static Tensor<TValue> AddOrSubtract<TOp>(Tensor<TValue> a, Tensor<TValue> b, string gradFn, bool negateRight)
        where TOp : IBinaryOp<TValue>
    {
        Values values = ZipOrDefer<TOp>(a, b, out TensorShape shape);
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
        where TOp : IBinaryOp<TValue>
        where TLeftKernel : IGradientKernel<TValue>
        where TRightKernel : IGradientKernel<TValue>
    {
        Values values = ZipOrDefer<TOp>(a, b, out TensorShape shape);
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
}
