namespace Autograd.Tests;

/// <summary>
/// Inputs for comparing <c>ExactPow</c> with <see cref="Math.Pow"/>: sample <c>i</c> of a run is a
/// pure function of <c>(seed, i)</c>, so a run splits into parallel chunks and any mismatch can be
/// replayed from its index. Samples cycle through the input classes that matter to a power
/// function's rounding.
/// </summary>
public static class PowSamples
{
    /// <summary>The exponents with a fast path.</summary>
    public static readonly double[] Exponents = [2.0, 0.5, 1.0, -1.0, -0.5];

    /// <summary>The input classes, in the order sample indices cycle through them.</summary>
    public static readonly string[] Classes =
        ["uniform", "log-uniform", "near 1", "random bits", "subnormal", "negative", "short mantissa", "special"];

    private static readonly double[] s_specials =
    [
        0.0, -0.0, 1.0, -1.0, 2.0, 0.5, 4.0, 0.25, double.PositiveInfinity, double.NegativeInfinity,
        double.NaN, BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8000000000000UL)), // NaN with the sign bit set
        BitConverter.Int64BitsToDouble(0x7FF0000000000001L), // signalling NaN
        double.Epsilon, -double.Epsilon, double.MaxValue, -double.MaxValue, double.MinValue,
        BitConverter.Int64BitsToDouble(0x0010000000000000L), // smallest normal
        BitConverter.Int64BitsToDouble(0x000FFFFFFFFFFFFFL), // largest subnormal
        Math.ScaleB(1.0, -500), Math.ScaleB(1.0, 500), Math.ScaleB(1.0, -900), Math.ScaleB(1.0, 900), Math.ScaleB(1.0, -1000), Math.ScaleB(1.0, 1000), Math.ScaleB(1.0, -537), Math.ScaleB(1.0, -1022), Math.ScaleB(1.0, 1023),
        1.0 - Math.ScaleB(1.0, -53), 1.0 + Math.ScaleB(1.0, -52), 2.0 - Math.ScaleB(1.0, -52), 0.3, 0.1, 3.0, 10.0,
    ];

    /// <summary>Sample <paramref name="index"/> of the run with <paramref name="seed"/>.</summary>
    public static double At(ulong seed, long index)
    {
        ulong r = Mix(seed ^ (ulong)index * 0x9E3779B97F4A7C15UL);
        ulong s = Mix(r);
        int kind = (int)((ulong)index % (ulong)Classes.Length);
        double unit = (r >> 11) * Math.ScaleB(1.0, -53);
        switch (kind)
        {
            case 0:
                return unit * 2.0;
            case 1:
                {
                    // Exponent field uniform over the normal range, random mantissa: every binade equally often.
                    long exponent = 1 + (long)(s % 2046);
                    return BitConverter.Int64BitsToDouble((exponent << 52) | (long)(r & 0xFFFFFFFFFFFFFUL));
                }

            case 2:
                {
                    int shift = 1 + (int)(s % 60);
                    return 1.0 + ((unit - 0.5) * Math.ScaleB(1.0, -shift));
                }

            case 3:
                return BitConverter.Int64BitsToDouble((long)r);
            case 4:
                return BitConverter.Int64BitsToDouble((long)(r & 0xFFFFFFFFFFFFFUL) | (long)(s & 0x8000000000000000UL));
            case 5:
                {
                    long exponent = 1 + (long)(s % 2046);
                    double magnitude = (s & 1) == 0
                        ? unit * 4.0
                        : BitConverter.Int64BitsToDouble((exponent << 52) | (long)(r & 0xFFFFFFFFFFFFFUL));
                    return -magnitude;
                }

            case 6:
                {
                    // At most 27 significant bits: squares and square roots that are exact or exactly halfway.
                    double mantissa = 1.0 + ((r >> 38) * Math.ScaleB(1.0, -26));
                    int exponent = (int)(s % 200) - 100;
                    return Math.ScaleB(mantissa, exponent);
                }

            default:
                {
                    double special = s_specials[(int)(s % (ulong)s_specials.Length)];
                    return (r & 3) switch
                    {
                        0 => special,
                        1 => Math.BitIncrement(special),
                        2 => Math.BitDecrement(special),
                        _ => -special,
                    };
                }
        }
    }

    /// <summary>
    /// Compares <c>ExactPow.Pow(x, exponent)</c> with <c>Math.Pow(x, exponent)</c> bit for bit on
    /// samples <c>0 .. count - 1</c>, in parallel chunks; returns the number of mismatches and the
    /// first mismatching input (NaN when there is none).
    /// </summary>
    public static (long Mismatches, double FirstInput) Compare(ulong seed, double exponent, long count)
    {
        const long Chunk = 1 << 20;
        long chunks = (count + Chunk - 1) / Chunk;
        long mismatches = 0;
        long firstIndex = long.MaxValue;
        Parallel.For(0L, chunks, chunk =>
        {
            long start = chunk * Chunk;
            long end = Math.Min(count, start + Chunk);
            long local = 0;
            long localFirst = long.MaxValue;
            for (long i = start; i < end; i++)
            {
                double x = At(seed, i);
                if (BitConverter.DoubleToInt64Bits(ExactPow.Pow(x, exponent)) != BitConverter.DoubleToInt64Bits(Math.Pow(x, exponent)))
                {
                    local++;
                    localFirst = Math.Min(localFirst, i);
                }
            }

            if (local != 0)
            {
                Interlocked.Add(ref mismatches, local);
                long seen;
                while (localFirst < (seen = Interlocked.Read(ref firstIndex))
                    && Interlocked.CompareExchange(ref firstIndex, localFirst, seen) != seen)
                {
                }
            }
        });

        return (mismatches, mismatches == 0 ? double.NaN : At(seed, firstIndex));
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
