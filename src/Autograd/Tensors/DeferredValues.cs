namespace Autograd;

/// <summary>
/// The values of an element-wise result not computed yet: a large operand combined with a small
/// block that repeats along it (the lecture's <c>data - pnt</c>), optionally squared. A reduction
/// over rows reads them on the fly (the lecture's sum of squares along a dimension) and the
/// backward pass evaluates them into a pooled buffer, so neither the difference nor its square
/// ever occupies fresh memory. Any other use computes them once with the same operations an
/// eager evaluation uses, so the values are the same bits either way.
/// </summary>
/// <remarks>
/// The large operand's array is read later, so its tensor's storage is marked captured and an
/// in-place change to it copies first (copy-on-write); the small block is copied here.
/// </remarks>
internal abstract class DeferredValues<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Writes every value, in row-major order.</summary>
    public abstract void EvaluateInto(Span<T> destination);

    /// <summary>The sum of each run of <paramref name="size"/> consecutive values, each started from zero and added in order.</summary>
    public abstract void SumRuns(int size, Span<T> destination);

    /// <summary>These values squared (<c>x * x</c>), or null when that cannot be deferred.</summary>
    public abstract DeferredValues<T>? Squared();
}

/// <summary><c>full op block</c> (or <c>block op full</c>) with the block repeating, then squared if asked.</summary>
internal sealed class BlockValues<T, TOp>(T[] full, T[] block, bool blockOnRight, bool square) : DeferredValues<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TOp : Tensor<T>.IBinaryOp
{
    public override DeferredValues<T>? Squared() => square ? null : new BlockValues<T, TOp>(full, block, blockOnRight, square: true);

    public override void EvaluateInto(Span<T> destination)
    {
        int start = 0, b = block.Length, n = full.Length;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && Vector<T>.Count % b == 0 && n >= Vector<T>.Count)
        {
            int width = Vector<T>.Count;
            Span<T> pattern = stackalloc T[width];
            for (int i = 0; i < width; i++)
            {
                pattern[i] = block[i % b];
            }

            var p = new Vector<T>(pattern);
            for (; start <= n - width; start += width)
            {
                var f = new Vector<T>(full, start);
                Vector<T> v = blockOnRight ? TOp.Apply(f, p) : TOp.Apply(p, f);
                (square ? v * v : v).CopyTo(destination[start..]);
            }
        }

        for (int j = 0; start < n; start++)
        {
            destination[start] = Value(start, j);
            j = j + 1 == b ? 0 : j + 1;
        }
    }

    public override void SumRuns(int size, Span<T> destination)
    {
        int b = block.Length, runs = full.Length / size;
        if (size == b)
        {
            // The block is exactly a run (a point against rows of coordinates): no index arithmetic.
            if (blockOnRight && square)
            {
                SumRunsOfBlock<Yes, Yes>(size, runs, destination);
            }
            else if (blockOnRight)
            {
                SumRunsOfBlock<Yes, No>(size, runs, destination);
            }
            else if (square)
            {
                SumRunsOfBlock<No, Yes>(size, runs, destination);
            }
            else
            {
                SumRunsOfBlock<No, No>(size, runs, destination);
            }

            return;
        }

        for (int r = 0, i = 0, j = 0; r < runs; r++)
        {
            T sum = T.Zero;
            for (int k = 0; k < size; k++, i++)
            {
                sum += Value(i, j);
                j = j + 1 == b ? 0 : j + 1;
            }

            destination[r] = sum;
        }
    }

    private void SumRunsOfBlock<TRight, TSquare>(int size, int runs, Span<T> destination)
        where TRight : IFlag
        where TSquare : IFlag
    {
        ReadOnlySpan<T> values = full;
        ReadOnlySpan<T> pattern = block;
        for (int r = 0, i = 0; r < runs; r++)
        {
            T sum = T.Zero;
            for (int k = 0; k < size; k++, i++)
            {
                T v = TRight.On ? TOp.Apply(values[i], pattern[k]) : TOp.Apply(pattern[k], values[i]);
                sum += TSquare.On ? v * v : v;
            }

            destination[r] = sum;
        }
    }

    private T Value(int i, int j)
    {
        T v = blockOnRight ? TOp.Apply(full[i], block[j]) : TOp.Apply(block[j], full[i]);
        return square ? v * v : v;
    }
}

/// <summary>A tensor's values squared, <c>x * x</c>, computed when read.</summary>
internal sealed class SquareValues<T>(T[] full) : DeferredValues<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public override DeferredValues<T>? Squared() => null;

    public override void EvaluateInto(Span<T> destination) => System.Numerics.Tensors.TensorPrimitives.Multiply<T>(full, full, destination);

    public override void SumRuns(int size, Span<T> destination)
    {
        ReadOnlySpan<T> values = full;
        for (int r = 0, i = 0; r < destination.Length && i < values.Length; r++)
        {
            T sum = T.Zero;
            for (int k = 0; k < size; k++, i++)
            {
                sum += values[i] * values[i];
            }

            destination[r] = sum;
        }
    }
}

/// <summary>A compile-time switch: generic code specialised per flag has no branch in its loop.</summary>
internal interface IFlag
{
    static abstract bool On { get; }
}

/// <summary>The switch on.</summary>
internal readonly struct Yes : IFlag
{
    public static bool On => true;
}

/// <summary>The switch off.</summary>
internal readonly struct No : IFlag
{
    public static bool On => false;
}
