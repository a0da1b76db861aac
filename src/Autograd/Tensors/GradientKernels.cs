namespace Autograd;

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

/// <summary><c>-g</c>: the right operand of a subtraction, a negation.</summary>
internal readonly struct NegateKernel<T> : IGradientKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static bool UsesX => false;

    public static bool UsesO => false;

    public static T Apply(T g, T x, T o, T c) => -g;

    public static Vector<T> Apply(Vector<T> g, Vector<T> x, Vector<T> o, Vector<T> c) => -g;
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

/// <summary><c>g * x</c>: a product's operand (x is the other operand), <c>pow</c> (x is the local derivative).</summary>
internal readonly struct MultiplyKernel<T> : IGradientKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static bool UsesX => true;

    public static bool UsesO => false;

    public static T Apply(T g, T x, T o, T c) => g * x;

    public static Vector<T> Apply(Vector<T> g, Vector<T> x, Vector<T> o, Vector<T> c) => g * x;
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

/// <summary>PyTorch's <c>grad / (2 * result)</c> for a square root (<c>c</c> is 2).</summary>
internal readonly struct SqrtKernel<T> : IGradientKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static bool UsesX => false;

    public static bool UsesO => true;

    public static T Apply(T g, T x, T o, T c) => g / (c * o);

    public static Vector<T> Apply(Vector<T> g, Vector<T> x, Vector<T> o, Vector<T> c) => g / (c * o);
}
