using System.Numerics.Tensors;

namespace Autograd;

// The reductions (<c>Sum</c>, <c>Mean</c>, over everything or one dimension), each beside its backward step.
public sealed partial class Tensor<TValue>
{
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

    /// <summary>The sum of every value (fused with a deferred chain), in the same chunks either way.</summary>
    private TValue SumAll() => Pending is { } pending ? pending.ChunkedSum() : DeferredValues<TValue>.ChunkedSum(ValueArray);

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
}
