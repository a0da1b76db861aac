using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Autograd;

/// <summary>
/// <see cref="Math.Pow"/>, bit for bit, at a fraction of its cost for the exponents the lecture's
/// graphs use (2, 0.5, 1, -1, -0.5).
/// </summary>
/// <remarks>
/// <para>
/// The lecture's numbers come from C's <c>pow</c>, and <c>pow(x, 2)</c> differs from <c>x * x</c>
/// for about 1 value in 1,200, so an exact engine cannot simply square. But glibc's <c>pow</c>
/// (2.28 and newer) is documented to stay within about 0.52 ULP of the exact result, so it can
/// differ from the correctly rounded result only when the exact result lies within 0.02 ULP of a
/// rounding midpoint. For these exponents the correctly rounded candidate is cheap (<c>x * x</c>,
/// <c>sqrt(x)</c>, <c>x</c>, <c>1 / x</c>, <c>1 / sqrt(x)</c>), and one fused multiply-add measures
/// the exact result's distance from the candidate. When that distance leaves more than 1/64 ULP
/// to the midpoint, the candidate is what <c>pow</c> returns; otherwise (about 3 values in 100),
/// and for zeros, infinities, NaN, negative bases of fractional powers and magnitudes near
/// overflow or underflow, this calls <see cref="Math.Pow"/>.
/// </para>
/// <para>
/// Only where the C library is glibc 2.28 or newer (checked once, at first use) is the fast path
/// taken; elsewhere (Windows, macOS, musl) every call is <see cref="Math.Pow"/>, because other
/// <c>pow</c> implementations do not promise that error bound.
/// </para>
/// </remarks>
internal static class ExactPow
{
    /// <summary>The distance to a midpoint, in ULPs, below which the candidate is not trusted: 1/2 - 1/64.</summary>
    private const double TrustedFraction = 31.0 / 64.0;

    /// <summary>True where <see cref="Math.Pow"/> is glibc's correctly-rounded-almost-always <c>pow</c>.</summary>
    internal static readonly bool FastPathEnabled = DetectGlibcPow(out s_libcVersion);

    private static readonly string? s_libcVersion;

    private static readonly double TwoTo1000 = Math.ScaleB(1.0, 1000);
    private static readonly double TwoTo500 = Math.ScaleB(1.0, 500);
    private static readonly double TwoTo900 = Math.ScaleB(1.0, 900);
    private static readonly double TwoToMinus1000 = Math.ScaleB(1.0, -1000);
    private static readonly double TwoToMinus500 = Math.ScaleB(1.0, -500);
    private static readonly double TwoToMinus900 = Math.ScaleB(1.0, -900);

    /// <summary>The C library's version string where it is glibc (<c>"2.36"</c>), otherwise null.</summary>
    internal static string? GlibcVersion => s_libcVersion;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr VersionFunction();

    /// <summary>Returns <c>Math.Pow(x, y)</c>, bit for bit, by the fast path where it applies.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Pow(double x, double y)
    {
        if (FastPathEnabled)
        {
            if (y == 2.0)
            {
                return Square(x);
            }

            if (y == 0.5)
            {
                return SquareRoot(x);
            }

            if (y == 1.0)
            {
                return Identity(x);
            }

            if (y == -0.5)
            {
                return ReciprocalSquareRoot(x);
            }

            if (y == -1.0)
            {
                return Reciprocal(x);
            }
        }

        return Math.Pow(x, y);
    }

    /// <summary><c>pow(x, 2)</c>: candidate <c>x * x</c>, whose rounding error <c>fma(x, x, -c)</c> is exact.</summary>
    internal static double Square(double x)
    {
        double a = Math.Abs(x);
        if (a > TwoToMinus500 && a < TwoTo500)
        {
            double c = x * x;
            double error = Math.FusedMultiplyAdd(x, x, -c);
            if (Math.Abs(error) < UlpBelow(c) * TrustedFraction)
            {
                return c;
            }
        }

        return Math.Pow(x, 2.0);
    }

    /// <summary>
    /// <c>pow(x, 0.5)</c>: candidate <c>sqrt(x)</c>; <c>c*c - x</c> is exact, and the exact root
    /// lies <c>(x - c*c) / 2c</c> from <c>c</c>. (<c>pow(-0, 0.5)</c> is +0 where <c>sqrt</c> gives
    /// -0, one of the cases left to <see cref="Math.Pow"/>.)
    /// </summary>
    internal static double SquareRoot(double x)
    {
        if (x > TwoToMinus900 && x < TwoTo900)
        {
            double c = Math.Sqrt(x);
            double residual = Math.FusedMultiplyAdd(c, c, -x);
            if (Math.Abs(residual) < 2.0 * c * UlpBelow(c) * TrustedFraction)
            {
                return c;
            }
        }

        return Math.Pow(x, 0.5);
    }

    /// <summary>
    /// <c>pow(x, 1)</c> is <c>x</c> for every finite <c>x</c>; NaN goes to <see cref="Math.Pow"/>,
    /// which does not keep a negative NaN's sign.
    /// </summary>
    internal static double Identity(double x) => double.IsFinite(x) ? x : Math.Pow(x, 1.0);

    /// <summary><c>pow(x, -1)</c>: candidate <c>1 / x</c>; the exact result lies <c>-(c*x - 1) / x</c> from it.</summary>
    internal static double Reciprocal(double x)
    {
        double a = Math.Abs(x);
        if (a > TwoToMinus1000 && a < TwoTo1000)
        {
            double c = 1.0 / x;
            double residual = Math.FusedMultiplyAdd(c, x, -1.0);
            if (Math.Abs(residual) < a * UlpBelow(c) * TrustedFraction)
            {
                return c;
            }
        }

        return Math.Pow(x, -1.0);
    }

    /// <summary>
    /// <c>pow(x, -0.5)</c>: candidate <c>1 / sqrt(x)</c> (two roundings, so sometimes not the
    /// correctly rounded value; the distance test then sends it to <see cref="Math.Pow"/>). The
    /// exact result lies about <c>(c*c*x - 1) * c / 2</c> below <c>c</c>; <c>c*c*x - 1</c> is
    /// computed from the exact square <c>hi + lo</c> with two fused multiply-adds.
    /// </summary>
    internal static double ReciprocalSquareRoot(double x)
    {
        if (x > TwoToMinus900 && x < TwoTo900)
        {
            double c = 1.0 / Math.Sqrt(x);
            double hi = c * c;
            double lo = Math.FusedMultiplyAdd(c, c, -hi);
            double residual = Math.FusedMultiplyAdd(lo, x, Math.FusedMultiplyAdd(hi, x, -1.0));
            if (Math.Abs(residual) * c < 2.0 * UlpBelow(c) * TrustedFraction)
            {
                return c;
            }
        }

        return Math.Pow(x, -0.5);
    }

    /// <summary>
    /// The gap between |c| and the next double towards zero: the smaller of its two neighbouring
    /// gaps, so a test against it is conservative on both sides of a power of two.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double UlpBelow(double c)
    {
        long bits = BitConverter.DoubleToInt64Bits(c) & long.MaxValue;
        return BitConverter.Int64BitsToDouble(bits) - BitConverter.Int64BitsToDouble(bits - 1);
    }

    private static bool DetectGlibcPow(out string? version)
    {
        version = null;
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            if (!NativeLibrary.TryLoad("libc.so.6", out IntPtr libc))
            {
                return false;
            }

            if (!NativeLibrary.TryGetExport(libc, "gnu_get_libc_version", out IntPtr export))
            {
                return false;
            }

            var function = Marshal.GetDelegateForFunctionPointer<VersionFunction>(export);
            version = Marshal.PtrToStringAnsi(function());
            return IsAtLeast228(version);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or MarshalDirectiveException)
        {
            return false;
        }
    }

    /// <summary>True for a glibc version string of 2.28 or newer (<c>"2.36"</c>, <c>"2.28.9000"</c>).</summary>
    internal static bool IsAtLeast228(string? version)
    {
        if (version is null)
        {
            return false;
        }

        string[] parts = version.Split('.');
        return parts.Length >= 2
            && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int major)
            && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int minor)
            && (major > 2 || (major == 2 && minor >= 28));
    }
}
