namespace Autograd;

/// <summary>
/// A bit-for-bit twin of CPython's <c>random.Random</c> (Mersenne Twister MT19937), so that the
/// points a notebook draws are the very points the lecture drew and every printed number matches.
/// </summary>
/// <remarks>
/// Seeding follows CPython's rule for an integer seed: the absolute value is split into 32-bit
/// words, least significant first, and fed to MT19937's <c>init_by_array</c> (a seed of 0 is the
/// one-word key <c>[0]</c>). <see cref="Random"/> builds a 53-bit double from two 32-bit outputs
/// exactly as CPython's <c>random_random</c> does. The generator is not thread-safe, like CPython's.
/// </remarks>
public sealed class PyRandom
{
    private readonly Mt19937 _mt = new();

    /// <summary>Seeds like <c>random.Random(seed)</c> in CPython for an <c>int</c> seed.</summary>
    public PyRandom(long seed)
        : this(KeyOf(seed))
    {
    }

    /// <summary>Seeds like <c>random.Random(seed)</c> for an integer of any size, as CPython allows.</summary>
    public PyRandom(BigInteger seed)
        : this(KeyOf(seed))
    {
    }

    private PyRandom(uint[] key) => _mt.InitByArray(key);

    /// <summary>
    /// The next double in [0, 1) with 53 random bits: <c>(a * 2^26 + b) / 2^53</c> where
    /// <c>a</c> and <c>b</c> are the top 27 and 26 bits of two consecutive 32-bit outputs.
    /// </summary>
    public double Random() => _mt.NextDouble();

    /// <summary>
    /// CPython's <c>uniform(a, b)</c>: <c>a + (b - a) * random()</c>, with the same rounding,
    /// so <paramref name="b"/> itself can come out when the product rounds up.
    /// </summary>
    public double Uniform(double a, double b) => a + ((b - a) * Random());

    /// <summary>The next raw 32-bit output of MT19937 (CPython's <c>genrand_uint32</c>).</summary>
    public uint NextUInt32() => _mt.NextUInt32();

    private static uint[] KeyOf(long seed)
    {
        ulong magnitude = seed < 0 ? (ulong)(-(seed + 1)) + 1UL : (ulong)seed;
        uint high = (uint)(magnitude >> 32);
        return high == 0 ? [(uint)magnitude] : [(uint)magnitude, high];
    }

    private static uint[] KeyOf(BigInteger seed)
    {
        BigInteger magnitude = BigInteger.Abs(seed);
        if (magnitude.IsZero)
        {
            return [0U];
        }

        byte[] bytes = magnitude.ToByteArray(isUnsigned: true, isBigEndian: false);
        var key = new uint[(bytes.Length + 3) / 4];
        for (int b = 0; b < bytes.Length; b++)
        {
            key[b / 4] |= (uint)bytes[b] << (8 * (b % 4));
        }

        return key;
    }
}
