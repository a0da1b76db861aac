using System.Numerics.Tensors;

namespace Autograd;

/// <summary>
/// The forward half of an element-wise operation of two operands, scalar, SIMD and over spans with
/// the same IEEE operation, so a deferred, a broadcast and a computed result hold the same bits; its
/// backward half is a kernel in <c>GradientKernels.cs</c>.
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

internal readonly struct AddOp<T> : IBinaryOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static string InPlaceName => "+=";

    public static T Apply(T a, T b) => a + b;

    public static Vector<T> Apply(Vector<T> a, Vector<T> b) => a + b;

    public static void Apply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination) => TensorPrimitives.Add(a, b, destination);
}

internal readonly struct SubOp<T> : IBinaryOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static string InPlaceName => "-=";

    public static T Apply(T a, T b) => a - b;

    public static Vector<T> Apply(Vector<T> a, Vector<T> b) => a - b;

    public static void Apply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination) => TensorPrimitives.Subtract(a, b, destination);
}

internal readonly struct MulOp<T> : IBinaryOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static string InPlaceName => "*=";

    public static T Apply(T a, T b) => a * b;

    public static Vector<T> Apply(Vector<T> a, Vector<T> b) => a * b;

    public static void Apply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination) => TensorPrimitives.Multiply(a, b, destination);
}

internal readonly struct DivOp<T> : IBinaryOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static string InPlaceName => "/=";

    public static T Apply(T a, T b) => a / b;

    public static Vector<T> Apply(Vector<T> a, Vector<T> b) => a / b;

    public static void Apply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination) => TensorPrimitives.Divide(a, b, destination);
}

internal readonly struct NegOp<T> : IUnaryOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static void Apply(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Negate(x, destination);
}

internal readonly struct SqrtOp<T> : IUnaryOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static void Apply(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Sqrt(x, destination);
}

internal readonly struct ExpOp<T> : IUnaryOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static void Apply(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Exp(x, destination);
}

internal readonly struct LogOp<T> : IUnaryOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static void Apply(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Log(x, destination);
}
