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
        where TOp : IBinaryOp<T>
    {
        T[] result = TensorStorage.Allocate<T>(shape);
        bool aFull = aShape.Equals(shape), bFull = bShape.Equals(shape);
        if (aFull && bFull)
        {
            TOp.Apply(a, b, result);
        }
        else if (aFull && IsTrailingBlock(bShape, shape))
        {
            ZipBlock<T, TOp>(a, b, result, blockOnRight: true);
        }
        else if (bFull && IsTrailingBlock(aShape, shape))
        {
            ZipBlock<T, TOp>(b, a, result, blockOnRight: false);
        }
        else
        {
            TOp.Apply(aFull ? a : Expand(a, aShape, shape), bFull ? b : Expand(b, bShape, shape), result);
        }

        return result;
    }

    /// <summary>
    /// True when <paramref name="small"/> is <paramref name="large"/> with its trailing dimensions
    /// set to 1 (a reduction's kept dimension): each value then repeats <paramref name="repeat"/>
    /// times in a row.
    /// </summary>
    public static bool RepeatsEach(TensorShape small, TensorShape large, out int repeat)
    {
        repeat = 0;
        int offset = large.Count - small.Count;
        if (offset < 0 || small.Numel == 0)
        {
            return false;
        }

        int last = small.Count - 1;
        while (last >= 0 && small[last] == 1)
        {
            last--;
        }

        for (int i = 0; i < offset; i++)
        {
            if (large[i] != 1 && last >= 0)
            {
                return false;
            }
        }

        for (int i = 0; i <= last; i++)
        {
            if (small[i] != large[i + offset])
            {
                return false;
            }
        }

        repeat = large.Numel / small.Numel;
        return true;
    }

    /// <summary>The values of shape <paramref name="from"/> repeated to fill <paramref name="destination"/> of shape <paramref name="to"/>.</summary>
    public static void ExpandInto<T>(ReadOnlySpan<T> values, TensorShape from, TensorShape to, Span<T> destination)
    {
        if (IsTrailingBlock(from, to))
        {
            for (int start = 0; start < to.Numel; start += values.Length)
            {
                values.CopyTo(destination[start..]);
            }

            return;
        }

        int[] strides = StridesWithin(from, to);
        int rank = to.Count, total = to.Numel;
        var index = new int[rank];
        int mapped = 0;
        for (int flat = 0; flat < total; flat++)
        {
            destination[flat] = values[mapped];
            for (int d = rank - 1; d >= 0; d--)
            {
                index[d]++;
                mapped += strides[d];
                if (index[d] < to[d])
                {
                    break;
                }

                mapped -= strides[d] * to[d];
                index[d] = 0;
            }
        }
    }

    /// <summary>
    /// <paramref name="grad"/> of shape <paramref name="from"/> summed in row-major order over the
    /// dimensions that broadcasting added or stretched, into <paramref name="destination"/> of shape <paramref name="to"/>.
    /// </summary>
    public static void SumInto<T>(ReadOnlySpan<T> grad, TensorShape from, TensorShape to, Span<T> destination)
        where T : INumberBase<T>
    {
        destination.Clear();
        int[] strides = StridesWithin(to, from);
        int rank = from.Count, total = from.Numel;
        var index = new int[rank];
        int mapped = 0;
        for (int flat = 0; flat < total; flat++)
        {
            destination[mapped] += grad[flat];
            for (int d = rank - 1; d >= 0; d--)
            {
                index[d]++;
                mapped += strides[d];
                if (index[d] < from[d])
                {
                    break;
                }

                mapped -= strides[d] * from[d];
                index[d] = 0;
            }
        }
    }

    /// <summary>
    /// <c>full op block</c> (or <c>block op full</c>) where the small operand repeats whole: with SIMD
    /// when a vector holds a whole number of blocks (a [2] point against [N, 2] data).
    /// </summary>
    private static void ZipBlock<T, TOp>(T[] full, T[] block, T[] result, bool blockOnRight)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IBinaryOp<T>
    {
        int start = 0, b = block.Length;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && Vector<T>.Count % b == 0 && full.Length >= Vector<T>.Count)
        {
            int width = Vector<T>.Count;
            Span<T> pattern = stackalloc T[width];
            for (int i = 0; i < width; i++)
            {
                pattern[i] = block[i % b];
            }

            var p = new Vector<T>(pattern);
            for (; start <= full.Length - width; start += width)
            {
                var f = new Vector<T>(full, start);
                (blockOnRight ? TOp.Apply(f, p) : TOp.Apply(p, f)).CopyTo(result, start);
            }
        }

        for (; start < full.Length; start += b)
        {
            for (int i = 0; i < b; i++)
            {
                result[start + i] = blockOnRight ? TOp.Apply(full[start + i], block[i]) : TOp.Apply(block[i], full[start + i]);
            }
        }
    }

    /// <summary>The values of a tensor of shape <paramref name="from"/> repeated to fill <paramref name="to"/>.</summary>
    public static T[] Expand<T>(T[] values, TensorShape from, TensorShape to)
        where T : unmanaged
    {
        T[] result = TensorStorage.Allocate<T>(to);
        ExpandInto<T>(values, from, to, result);
        return result;
    }

    /// <summary>
    /// True when <paramref name="small"/>, aligned from the right, is the trailing dimensions of
    /// <paramref name="large"/> after dropping its leading 1s: broadcasting then repeats it whole.
    /// </summary>
    public static bool IsTrailingBlock(TensorShape small, TensorShape large)
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
}
