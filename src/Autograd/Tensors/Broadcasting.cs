namespace Autograd;

/// <summary>
/// PyTorch's broadcasting on row-major buffers: expanding an operand to the broadcast shape, and
/// the reverse step of backward, summing a gradient back to the operand's shape.
/// </summary>
internal static class Broadcasting
{
    /// <summary>
    /// An element-wise operation on two operands broadcast to <paramref name="shape"/>, without
    /// expanding either when one is the other's trailing block (a row vector against a matrix).
    /// </summary>
    public static T[] Zip<T, TOp>(T[] a, TensorShape aShape, T[] b, TensorShape bShape, TensorShape shape)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : Tensor<T>.IBinaryOp
    {
        var result = new T[shape.Numel];
        bool aFull = aShape.Equals(shape), bFull = bShape.Equals(shape);
        if (aFull && bFull)
        {
            TOp.Apply(a, b, result);
        }
        else if (aFull && IsTrailingBlock(bShape, shape))
        {
            for (int start = 0; start < result.Length; start += b.Length)
            {
                for (int i = 0; i < b.Length; i++)
                {
                    result[start + i] = TOp.Apply(a[start + i], b[i]);
                }
            }
        }
        else if (bFull && IsTrailingBlock(aShape, shape))
        {
            for (int start = 0; start < result.Length; start += a.Length)
            {
                for (int i = 0; i < a.Length; i++)
                {
                    result[start + i] = TOp.Apply(a[i], b[start + i]);
                }
            }
        }
        else
        {
            TOp.Apply(aFull ? a : Expand(a, aShape, shape), bFull ? b : Expand(b, bShape, shape), result);
        }

        return result;
    }

    /// <summary>The values of a tensor of shape <paramref name="from"/> repeated to fill <paramref name="to"/>.</summary>
    public static T[] Expand<T>(T[] values, TensorShape from, TensorShape to)
    {
        var result = new T[to.Numel];
        if (IsTrailingBlock(from, to))
        {
            // A row vector over the rows of a matrix and the like: copy the block once per repeat.
            for (int start = 0; start < result.Length; start += values.Length)
            {
                values.AsSpan().CopyTo(result.AsSpan(start));
            }

            return result;
        }

        int[] strides = StridesWithin(from, to);
        Walk(to, strides, (outIndex, inIndex) => result[outIndex] = values[inIndex]);
        return result;
    }

    /// <summary>
    /// A gradient of shape <paramref name="from"/> summed over the dimensions that broadcasting
    /// added or stretched, giving shape <paramref name="to"/>. Sums run in row-major order.
    /// </summary>
    public static T[] SumTo<T>(T[] grad, TensorShape from, TensorShape to)
        where T : System.Numerics.INumberBase<T>
    {
        if (from.Equals(to))
        {
            return grad;
        }

        var result = new T[to.Numel];
        if (IsTrailingBlock(to, from))
        {
            int block = result.Length;
            for (int start = 0; start < grad.Length; start += block)
            {
                ReadOnlySpan<T> part = grad.AsSpan(start, block);
                for (int i = 0; i < block; i++)
                {
                    result[i] += part[i];
                }
            }

            return result;
        }

        int[] strides = StridesWithin(to, from);
        Walk(from, strides, (outIndex, inIndex) => result[inIndex] += grad[outIndex]);
        return result;
    }

    /// <summary>
    /// True when <paramref name="small"/>, aligned from the right, is the trailing dimensions of
    /// <paramref name="large"/> after dropping its leading 1s: broadcasting then repeats it whole.
    /// </summary>
    private static bool IsTrailingBlock(TensorShape small, TensorShape large)
    {
        int first = 0;
        while (first < small.Count && small[first] == 1)
        {
            first++;
        }

        int offset = large.Count - small.Count;
        for (int i = first; i < small.Count; i++)
        {
            if (small[i] != large[i + offset])
            {
                return false;
            }
        }

        return small.Numel > 0;
    }

    /// <summary>
    /// For each dimension of <paramref name="outer"/>, how far one step moves in a tensor of shape
    /// <paramref name="inner"/> aligned to it from the right: 0 where inner is missing or has size 1.
    /// </summary>
    private static int[] StridesWithin(TensorShape inner, TensorShape outer)
    {
        int[] own = inner.Strides();
        var strides = new int[outer.Count];
        int offset = outer.Count - inner.Count;
        for (int i = 0; i < outer.Count; i++)
        {
            int j = i - offset;
            strides[i] = j < 0 || inner[j] == 1 ? 0 : own[j];
        }

        return strides;
    }

    /// <summary>Visits every position of <paramref name="shape"/> in row-major order with the matching index under <paramref name="strides"/>.</summary>
    private static void Walk(TensorShape shape, int[] strides, Action<int, int> visit)
    {
        int rank = shape.Count;
        int total = shape.Numel;
        if (total == 0)
        {
            return;
        }

        var index = new int[rank];
        int mapped = 0;
        for (int flat = 0; flat < total; flat++)
        {
            visit(flat, mapped);
            for (int d = rank - 1; d >= 0; d--)
            {
                index[d]++;
                mapped += strides[d];
                if (index[d] < shape[d])
                {
                    break;
                }

                mapped -= strides[d] * shape[d];
                index[d] = 0;
            }
        }
    }
}
