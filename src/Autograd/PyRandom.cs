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
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0dfU;
    private const uint UpperMask = 0x80000000U;
    private const uint LowerMask = 0x7fffffffU;

    private readonly uint[] _state = new uint[N];
    private int _index;

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

    private PyRandom(uint[] key) => InitByArray(key);

    /// <summary>
    /// The next double in [0, 1) with 53 random bits: <c>(a * 2^26 + b) / 2^53</c> where
    /// <c>a</c> and <c>b</c> are the top 27 and 26 bits of two consecutive 32-bit outputs.
    /// </summary>
    public double Random()
    {
        uint a = NextUInt32() >> 5;
        uint b = NextUInt32() >> 6;
        return ((a * 67108864.0) + b) * (1.0 / 9007199254740992.0);
    }

    /// <summary>
    /// CPython's <c>uniform(a, b)</c>: <c>a + (b - a) * random()</c>, with the same rounding,
    /// so <paramref name="b"/> itself can come out when the product rounds up.
    /// </summary>
    public double Uniform(double a, double b) => a + ((b - a) * Random());

    /// <summary>The next raw 32-bit output of MT19937 (CPython's <c>genrand_uint32</c>).</summary>
    public uint NextUInt32()
    {
        if (_index >= N)
        {
            Twist();
        }

        uint y = _state[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= y >> 18;
        return y;
    }

    private void Twist()
    {
        uint[] mt = _state;
        int kk;
        for (kk = 0; kk < N - M; kk++)
        {
            uint y = (mt[kk] & UpperMask) | (mt[kk + 1] & LowerMask);
            mt[kk] = mt[kk + M] ^ (y >> 1) ^ ((y & 1U) * MatrixA);
        }

        for (; kk < N - 1; kk++)
        {
            uint y = (mt[kk] & UpperMask) | (mt[kk + 1] & LowerMask);
            mt[kk] = mt[kk + (M - N)] ^ (y >> 1) ^ ((y & 1U) * MatrixA);
        }

        uint last = (mt[N - 1] & UpperMask) | (mt[0] & LowerMask);
        mt[N - 1] = mt[M - 1] ^ (last >> 1) ^ ((last & 1U) * MatrixA);
        _index = 0;
    }

    private void InitGenrand(uint seed)
    {
        uint[] mt = _state;
        mt[0] = seed;
        for (int i = 1; i < N; i++)
        {
            mt[i] = (1812433253U * (mt[i - 1] ^ (mt[i - 1] >> 30))) + (uint)i;
        }

        _index = N;
    }

    private void InitByArray(uint[] key)
    {
        uint[] mt = _state;
        InitGenrand(19650218U);
        int i = 1;
        int j = 0;
        for (int k = Math.Max(N, key.Length); k > 0; k--)
        {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + key[j] + (uint)j;
            i++;
            j++;
            if (i >= N)
            {
                mt[0] = mt[N - 1];
                i = 1;
            }

            if (j >= key.Length)
            {
                j = 0;
            }
        }

        for (int k = N - 1; k > 0; k--)
        {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - (uint)i;
            i++;
            if (i >= N)
            {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }

        mt[0] = 0x80000000U;
    }

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
