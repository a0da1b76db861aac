using System.Buffers;
using System.Numerics.Tensors;

namespace Autograd;

/// <summary>
/// The values of an element-wise result or a row reduction not computed yet. A chain of them (the
/// lecture's <c>(data - pnt).Pow(2).Sum(dim: 1).Sqrt()</c>) is computed chunk by chunk by whatever
/// finally reads it (<c>Mean()</c> sums it on the fly), and the backward pass evaluates what it
/// needs into pooled buffers, so the intermediate results never occupy fresh memory. Every element
/// goes through the same operations as an eager evaluation, so the values are the same bits.
/// </summary>
/// <remarks>
/// An array a deferred result reads later belongs to a storage marked captured: an in-place
/// change to it copies first (copy-on-write). A small repeating block is copied at creation.
/// </remarks>
internal abstract class DeferredValues<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Elements per chunk when a chain is evaluated piecewise (also the unit of <see cref="ChunkedSum(ReadOnlySpan{T})"/>).</summary>
    public const int Chunk = 4096;

    /// <summary>The number of values.</summary>
    public abstract int Length { get; }

    /// <summary>Writes the values from position <paramref name="start"/> on, as many as <paramref name="destination"/> holds.</summary>
    public abstract void EvaluateInto(int start, Span<T> destination);

    /// <summary>These values squared (<c>x * x</c>), or null when that is not deferred.</summary>
    public virtual DeferredValues<T>? Squared() => null;

    /// <summary>
    /// The sums of runs of <paramref name="size"/> consecutive values, from run <paramref name="firstRun"/>
    /// on, each started from zero and added in order (PyTorch's sum over a last dimension this short).
    /// </summary>
    public virtual void SumRuns(int size, int firstRun, Span<T> destination)
    {
        int runsPerPiece = Math.Max(1, Chunk / size);
        T[] buffer = ArrayPool<T>.Shared.Rent(runsPerPiece * size);
        for (int done = 0; done < destination.Length; done += runsPerPiece)
        {
            int runs = Math.Min(runsPerPiece, destination.Length - done);
            Span<T> values = buffer.AsSpan(0, runs * size);
            EvaluateInto((firstRun + done) * size, values);
            for (int r = 0, i = 0; r < runs; r++)
            {
                T sum = T.Zero;
                for (int k = 0; k < size; k++, i++)
                {
                    sum += values[i];
                }

                destination[done + r] = sum;
            }
        }

        ArrayPool<T>.Shared.Return(buffer);
    }

    /// <summary>
    /// The sum of all values: chunk sums (SIMD) added in order. An array and a deferred chain with
    /// the same values give the same bits, since both are cut at the same positions.
    /// </summary>
    public static T ChunkedSum(ReadOnlySpan<T> values)
    {
        T total = TensorPrimitives.Sum(values[..Math.Min(Chunk, values.Length)]);
        for (int start = Chunk; start < values.Length; start += Chunk)
        {
            total += TensorPrimitives.Sum(values.Slice(start, Math.Min(Chunk, values.Length - start)));
        }

        return total;
    }

    /// <inheritdoc cref="ChunkedSum(ReadOnlySpan{T})"/>
    public T ChunkedSum()
    {
        T[] buffer = ArrayPool<T>.Shared.Rent(Chunk);
        int length = Length;
        Span<T> first = buffer.AsSpan(0, Math.Min(Chunk, length));
        EvaluateInto(0, first);
        T total = TensorPrimitives.Sum<T>(first);
        for (int start = Chunk; start < length; start += Chunk)
        {
            Span<T> part = buffer.AsSpan(0, Math.Min(Chunk, length - start));
            EvaluateInto(start, part);
            total += TensorPrimitives.Sum<T>(part);
        }

        ArrayPool<T>.Shared.Return(buffer);
        return total;
    }
}

/// <summary><c>full op block</c> (or <c>block op full</c>) with the small block repeating, then squared if asked.</summary>
internal sealed class BlockValues<T, TOp>(T[] full, T[] block, bool blockOnRight, bool square) : DeferredValues<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TOp : IBinaryOp<T>
{
    public override int Length => full.Length;

    public override DeferredValues<T>? Squared() => square ? null : new BlockValues<T, TOp>(full, block, blockOnRight, square: true);

    public override void EvaluateInto(int start, Span<T> destination)
    {
        int i = 0, b = block.Length, n = destination.Length;
        int phase = start % b;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && Vector<T>.Count % b == 0 && n >= Vector<T>.Count)
        {
            int width = Vector<T>.Count;
            Span<T> pattern = stackalloc T[width];
            for (int k = 0; k < width; k++)
            {
                pattern[k] = block[(phase + k) % b];
            }

            var p = new Vector<T>(pattern);
            ReadOnlySpan<T> source = full.AsSpan(start, n);
            for (; i <= n - width; i += width)
            {
                var f = new Vector<T>(source[i..]);
                Vector<T> v = blockOnRight ? TOp.Apply(f, p) : TOp.Apply(p, f);
                (square ? v * v : v).CopyTo(destination[i..]);
            }
        }

        for (int j = (phase + i) % b; i < n; i++)
        {
            destination[i] = Value(start + i, j);
            j = j + 1 == b ? 0 : j + 1;
        }
    }

    public override void SumRuns(int size, int firstRun, Span<T> destination)
    {
        if (size != block.Length)
        {
            base.SumRuns(size, firstRun, destination);
        }
        else if (blockOnRight && square)
        {
            // The block is exactly a run (a point against rows of coordinates): no index arithmetic.
            SumRunsOfBlock<Yes, Yes>(size, firstRun, destination);
        }
        else if (blockOnRight)
        {
            SumRunsOfBlock<Yes, No>(size, firstRun, destination);
        }
        else if (square)
        {
            SumRunsOfBlock<No, Yes>(size, firstRun, destination);
        }
        else
        {
            SumRunsOfBlock<No, No>(size, firstRun, destination);
        }
    }

    private void SumRunsOfBlock<TRight, TSquare>(int size, int firstRun, Span<T> destination)
        where TRight : IFlag
        where TSquare : IFlag
    {
        ReadOnlySpan<T> values = full.AsSpan(firstRun * size, destination.Length * size);
        ReadOnlySpan<T> pattern = block;
        if (size == 2)
        {
            T p0 = pattern[0], p1 = pattern[1];
            for (int r = 0; r < destination.Length; r++)
            {
                T v0 = TRight.On ? TOp.Apply(values[2 * r], p0) : TOp.Apply(p0, values[2 * r]);
                T v1 = TRight.On ? TOp.Apply(values[(2 * r) + 1], p1) : TOp.Apply(p1, values[(2 * r) + 1]);
                destination[r] = (T.Zero + (TSquare.On ? v0 * v0 : v0)) + (TSquare.On ? v1 * v1 : v1);
            }

            return;
        }

        for (int r = 0, i = 0; r < destination.Length; r++)
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

/// <summary>A tensor's values squared, <c>x * x</c>.</summary>
internal sealed class SquareValues<T>(T[] full) : DeferredValues<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public override int Length => full.Length;

    public override void EvaluateInto(int start, Span<T> destination)
    {
        ReadOnlySpan<T> x = full.AsSpan(start, destination.Length);
        TensorPrimitives.Multiply(x, x, destination);
    }
}

/// <summary>The sums of runs of <c>size</c> consecutive values of a deferred chain: a row reduction.</summary>
internal sealed class RunSumValues<T>(DeferredValues<T> source, int size) : DeferredValues<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public override int Length => source.Length / size;

    public override void EvaluateInto(int start, Span<T> destination) => source.SumRuns(size, start, destination);
}

/// <summary>An element-wise function (sqrt, exp, log, negation) of an array or of a deferred chain.</summary>
internal sealed class MapValues<T, TOp> : DeferredValues<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TOp : IUnaryOp<T>
{
    private readonly T[]? _array;
    private readonly DeferredValues<T>? _source;

    public MapValues(T[] array) => _array = array;

    public MapValues(DeferredValues<T> source) => _source = source;

    public override int Length => _array?.Length ?? _source!.Length;

    public override void EvaluateInto(int start, Span<T> destination)
    {
        if (_array is not null)
        {
            TOp.Apply(_array.AsSpan(start, destination.Length), destination);
        }
        else
        {
            _source!.EvaluateInto(start, destination);
            TOp.Apply(destination, destination);
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
