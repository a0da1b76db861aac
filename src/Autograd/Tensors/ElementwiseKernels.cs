using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Autograd;

/// <summary>
/// One pass over memory per backward step: a kernel reads the incoming gradient where it lies
/// (broadcast, never expanded into a buffer of its own for the common layouts) together with the
/// saved operand or result, and writes the outgoing gradient. SIMD where the layout allows,
/// with the same IEEE operations per element as the scalar loop, so both give the same bits.
/// </summary>
internal static class ElementwiseKernels
{
    /// <summary>
    /// <c>destination[i] = K(g at i, x[i], o[i], c)</c>, where <paramref name="g"/> has shape
    /// <paramref name="gShape"/>, which broadcasts to <paramref name="shape"/>.
    /// </summary>
    public static void Map<T, TKernel>(ReadOnlySpan<T> g, TensorShape gShape, TensorShape shape, ReadOnlySpan<T> x, ReadOnlySpan<T> o, T c, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IGradientKernel<T>
    {
        int n = shape.Numel;
        if (gShape.Numel == n)
        {
            MapFull<T, TKernel>(g, x, o, c, destination[..n]);
        }
        else if (g.Length == 1)
        {
            MapScalar<T, TKernel>(g[0], x, o, c, destination[..n]);
        }
        else if (Broadcasting.RepeatsEach(gShape, shape, out int repeat) && repeat < 2 * Vector<T>.Count)
        {
            // Short runs (a sum over two coordinates): a plain loop, no vector set-up per run.
            for (int k = 0, i = 0; k < g.Length; k++)
            {
                T gk = g[k];
                for (int end = i + repeat; i < end; i++)
                {
                    destination[i] = TKernel.Apply(gk, TKernel.UsesX ? x[i] : default, TKernel.UsesO ? o[i] : default, c);
                }
            }
        }
        else if (repeat > 0)
        {
            for (int k = 0, start = 0; k < g.Length; k++, start += repeat)
            {
                MapScalar<T, TKernel>(
                    g[k],
                    TKernel.UsesX ? x.Slice(start, repeat) : default,
                    TKernel.UsesO ? o.Slice(start, repeat) : default,
                    c,
                    destination.Slice(start, repeat));
            }
        }
        else if (Broadcasting.IsTrailingBlock(gShape, shape))
        {
            int block = g.Length;
            for (int start = 0; start < n; start += block)
            {
                MapFull<T, TKernel>(
                    g,
                    TKernel.UsesX ? x.Slice(start, block) : default,
                    TKernel.UsesO ? o.Slice(start, block) : default,
                    c,
                    destination.Slice(start, block));
            }
        }
        else
        {
            T[] full = ArrayPool<T>.Shared.Rent(n);
            Broadcasting.ExpandInto(g, gShape, shape, full.AsSpan(0, n));
            MapFull<T, TKernel>(full.AsSpan(0, n), x, o, c, destination[..n]);
            ArrayPool<T>.Shared.Return(full);
        }
    }

    /// <summary>
    /// <see cref="Map{T, TKernel}"/> where the saved operand (<paramref name="asX"/>) or result is a
    /// deferred chain: evaluated chunk by chunk into <paramref name="destination"/> and turned into
    /// the gradient while the chunk is still in cache (one pass over memory instead of two).
    /// </summary>
    public static void MapDeferred<T, TKernel>(ReadOnlySpan<T> g, TensorShape gShape, TensorShape shape, DeferredValues<T> values, bool asX, T c, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IGradientKernel<T>
    {
        int n = shape.Numel;
        int repeat = gShape.Numel == n ? 1 : g.Length == 1 ? n : Broadcasting.RepeatsEach(gShape, shape, out int r) ? r : 0;
        if (repeat == 0 || n == 0)
        {
            values.EvaluateInto(0, destination[..n]);
            Map<T, TKernel>(g, gShape, shape, asX ? destination : default, asX ? default : destination, c, destination);
            return;
        }

        // Chunks hold whole runs of a repeated gradient value, so each chunk reads a slice of g.
        int chunk = repeat == n ? Math.Min(n, DeferredValues<T>.Chunk)
            : repeat >= DeferredValues<T>.Chunk ? repeat
            : repeat * (DeferredValues<T>.Chunk / repeat);
        TensorShape? runGrad = null, runs = null;
        for (int start = 0; start < n; start += chunk)
        {
            int length = Math.Min(chunk, n - start);
            Span<T> part = destination.Slice(start, length);
            values.EvaluateInto(start, part);
            ReadOnlySpan<T> x = asX ? part : default, o = asX ? default : part;
            if (repeat == 1)
            {
                MapFull<T, TKernel>(g.Slice(start, length), x, o, c, part);
            }
            else if (repeat == n || g.Length == 1)
            {
                MapScalar<T, TKernel>(g[0], x, o, c, part);
            }
            else
            {
                // The shapes of a chunk's runs, made once for all full chunks.
                if (runs is null || runs.Numel != length)
                {
                    runs = new TensorShape(length / repeat, repeat);
                    runGrad = new TensorShape(length / repeat, 1);
                }

                Map<T, TKernel>(g.Slice(start / repeat, length / repeat), runGrad!, runs, x, o, c, part);
            }
        }
    }

    /// <summary>
    /// <paramref name="full"/> (shape <paramref name="from"/>) summed over the dimensions that
    /// broadcasting added or stretched, into <paramref name="destination"/> (shape <paramref name="to"/>),
    /// negated when <paramref name="negate"/> (exact: IEEE rounding is symmetric in sign).
    /// </summary>
    public static void SumTo<T>(ReadOnlySpan<T> full, TensorShape from, TensorShape to, bool negate, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int block = to.Numel;
        Span<T> result = destination[..block];
        if (Broadcasting.IsTrailingBlock(to, from))
        {
            result.Clear();
            int start = 0;
            if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && Vector<T>.Count % block == 0 && full.Length >= 2 * Vector<T>.Count)
            {
                // Lane l always meets column l % block: sum per lane, then fold the lanes.
                Vector<T> sum = Vector<T>.Zero;
                int width = Vector<T>.Count;
                for (; start <= full.Length - width; start += width)
                {
                    sum += new Vector<T>(full[start..]);
                }

                for (int lane = 0; lane < width; lane++)
                {
                    result[lane % block] += sum[lane];
                }
            }

            for (; start < full.Length; start += block)
            {
                ReadOnlySpan<T> part = full.Slice(start, block);
                for (int i = 0; i < block; i++)
                {
                    result[i] += part[i];
                }
            }
        }
        else
        {
            Broadcasting.SumInto(full, from, to, result);
        }

        if (negate)
        {
            for (int i = 0; i < block; i++)
            {
                result[i] = -result[i];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MapFull<T, TKernel>(ReadOnlySpan<T> g, ReadOnlySpan<T> x, ReadOnlySpan<T> o, T c, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IGradientKernel<T>
    {
        int i = 0, n = destination.Length;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var cv = new Vector<T>(c);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                Vector<T> r = TKernel.Apply(
                    new Vector<T>(g[i..]),
                    TKernel.UsesX ? new Vector<T>(x[i..]) : default,
                    TKernel.UsesO ? new Vector<T>(o[i..]) : default,
                    cv);
                r.CopyTo(destination[i..]);
            }
        }

        for (; i < n; i++)
        {
            destination[i] = TKernel.Apply(g[i], TKernel.UsesX ? x[i] : default, TKernel.UsesO ? o[i] : default, c);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MapScalar<T, TKernel>(T g, ReadOnlySpan<T> x, ReadOnlySpan<T> o, T c, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IGradientKernel<T>
    {
        int i = 0, n = destination.Length;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var gv = new Vector<T>(g);
            var cv = new Vector<T>(c);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                Vector<T> r = TKernel.Apply(
                    gv,
                    TKernel.UsesX ? new Vector<T>(x[i..]) : default,
                    TKernel.UsesO ? new Vector<T>(o[i..]) : default,
                    cv);
                r.CopyTo(destination[i..]);
            }
        }

        for (; i < n; i++)
        {
            destination[i] = TKernel.Apply(g, TKernel.UsesX ? x[i] : default, TKernel.UsesO ? o[i] : default, c);
        }
    }
}

/// <summary>
/// The forward half of an element-wise operation of two operands, scalar, SIMD and over spans with
/// the same IEEE operation, so a deferred, a broadcast and a computed result hold the same bits; its
/// backward half is the gradient kernel below it.
/// </summary>
internal interface IBinaryOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The operator's name in an in-place error message.</summary>
    static abstract string InPlaceName { get; }

    static abstract T Apply(T a, T b);

    static abstract Vector<T> Apply(Vector<T> a, Vector<T> b);

    static abstract void Apply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination);
}

/// <summary>The forward half of an element-wise function of one operand, over spans.</summary>
internal interface IUnaryOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    static abstract void Apply(ReadOnlySpan<T> x, Span<T> destination);
}

/// <summary>One element of a backward step, scalar and SIMD, with the same operations in both.</summary>
internal interface IGradientKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Whether the kernel reads the saved operand (otherwise it is not loaded).</summary>
    static abstract bool UsesX { get; }

    /// <summary>Whether the kernel reads the saved result (otherwise it is not loaded).</summary>
    static abstract bool UsesO { get; }

    static abstract T Apply(T g, T x, T o, T c);

    static abstract Vector<T> Apply(Vector<T> g, Vector<T> x, Vector<T> o, Vector<T> c);
}

/// <summary>The gradient itself: expands a broadcast gradient.</summary>
internal readonly struct CopyKernel<T> : IGradientKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static bool UsesX => false;

    public static bool UsesO => false;

    public static T Apply(T g, T x, T o, T c) => g;

    public static Vector<T> Apply(Vector<T> g, Vector<T> x, Vector<T> o, Vector<T> c) => g;
}

internal readonly struct SubOp<T> : IBinaryOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static string InPlaceName => "-=";

    public static T Apply(T a, T b) => a - b;

    public static Vector<T> Apply(Vector<T> a, Vector<T> b) => a - b;

    public static void Apply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination) => TensorPrimitives.Subtract(a, b, destination);
}

internal readonly struct NegOp<T> : IUnaryOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static void Apply(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Negate(x, destination);
}

/// <summary><c>-g</c>: the right operand of a subtraction, a negation.</summary>
internal readonly struct NegateKernel<T> : IGradientKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static bool UsesX => false;

    public static bool UsesO => false;

    public static T Apply(T g, T x, T o, T c) => -g;

    public static Vector<T> Apply(Vector<T> g, Vector<T> x, Vector<T> o, Vector<T> c) => -g;
}

internal readonly struct AddOp<T> : IBinaryOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static string InPlaceName => "+=";

    public static T Apply(T a, T b) => a + b;

    public static Vector<T> Apply(Vector<T> a, Vector<T> b) => a + b;

    public static void Apply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination) => TensorPrimitives.Add(a, b, destination);
}

/// <summary><c>g + x</c>: a second contribution added to a gradient.</summary>
internal readonly struct AddKernel<T> : IGradientKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static bool UsesX => true;

    public static bool UsesO => false;

    public static T Apply(T g, T x, T o, T c) => g + x;

    public static Vector<T> Apply(Vector<T> g, Vector<T> x, Vector<T> o, Vector<T> c) => g + x;
}

internal readonly struct MulOp<T> : IBinaryOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static string InPlaceName => "*=";

    public static T Apply(T a, T b) => a * b;

    public static Vector<T> Apply(Vector<T> a, Vector<T> b) => a * b;

    public static void Apply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination) => TensorPrimitives.Multiply(a, b, destination);
}

/// <summary><c>g * x</c>: a product's operand (x is the other operand), <c>pow</c> (x is the local derivative).</summary>
internal readonly struct MultiplyKernel<T> : IGradientKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static bool UsesX => true;

    public static bool UsesO => false;

    public static T Apply(T g, T x, T o, T c) => g * x;

    public static Vector<T> Apply(Vector<T> g, Vector<T> x, Vector<T> o, Vector<T> c) => g * x;
}

internal readonly struct ExpOp<T> : IUnaryOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static void Apply(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Exp(x, destination);
}

/// <summary><c>g * o</c>: <c>exp</c>, whose derivative is its result.</summary>
internal readonly struct MultiplyResultKernel<T> : IGradientKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static bool UsesX => false;

    public static bool UsesO => true;

    public static T Apply(T g, T x, T o, T c) => g * o;

    public static Vector<T> Apply(Vector<T> g, Vector<T> x, Vector<T> o, Vector<T> c) => g * o;
}

internal readonly struct DivOp<T> : IBinaryOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static string InPlaceName => "/=";

    public static T Apply(T a, T b) => a / b;

    public static Vector<T> Apply(Vector<T> a, Vector<T> b) => a / b;

    public static void Apply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination) => TensorPrimitives.Divide(a, b, destination);
}

internal readonly struct LogOp<T> : IUnaryOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static void Apply(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Log(x, destination);
}

/// <summary><c>g / x</c>: a quotient's left operand (x is the divisor), <c>log</c>.</summary>
internal readonly struct DivideKernel<T> : IGradientKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static bool UsesX => true;

    public static bool UsesO => false;

    public static T Apply(T g, T x, T o, T c) => g / x;

    public static Vector<T> Apply(Vector<T> g, Vector<T> x, Vector<T> o, Vector<T> c) => g / x;
}

/// <summary>PyTorch's <c>-grad * ((self / other) / other)</c> for a divisor: <c>-g * (o / x)</c>.</summary>
internal readonly struct DivisorKernel<T> : IGradientKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static bool UsesX => true;

    public static bool UsesO => true;

    public static T Apply(T g, T x, T o, T c) => -g * (o / x);

    public static Vector<T> Apply(Vector<T> g, Vector<T> x, Vector<T> o, Vector<T> c) => -g * (o / x);
}

/// <summary>PyTorch's <c>grad * (2 * self)</c> for a square (<c>c</c> is 2).</summary>
internal readonly struct SquareKernel<T> : IGradientKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static bool UsesX => true;

    public static bool UsesO => false;

    public static T Apply(T g, T x, T o, T c) => g * (c * x);

    public static Vector<T> Apply(Vector<T> g, Vector<T> x, Vector<T> o, Vector<T> c) => g * (c * x);
}

internal readonly struct SqrtOp<T> : IUnaryOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static void Apply(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Sqrt(x, destination);
}

/// <summary>PyTorch's <c>grad / (2 * result)</c> for a square root (<c>c</c> is 2).</summary>
internal readonly struct SqrtKernel<T> : IGradientKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static bool UsesX => false;

    public static bool UsesO => true;

    public static T Apply(T g, T x, T o, T c) => g / (c * o);

    public static Vector<T> Apply(Vector<T> g, Vector<T> x, Vector<T> o, Vector<T> c) => g / (c * o);
}
