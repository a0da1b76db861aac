namespace Autograd;

/// <summary>
/// The Mersenne Twister MT19937 (Matsumoto and Nishimura's reference algorithm), the generator
/// behind both CPython's <c>random</c> and numpy's legacy <c>RandomState</c>. The two differ only in
/// how an integer seed becomes a state (<see cref="InitByArray"/> for CPython,
/// <see cref="InitGenrand"/> for numpy), so they share this one core.
/// </summary>
internal sealed class Mt19937
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0dfU;
    private const uint UpperMask = 0x80000000U;
    private const uint LowerMask = 0x7fffffffU;

    private readonly uint[] _state = new uint[N];
    private int _index = N;

    /// <summary>The reference <c>init_genrand</c>: the state from one 32-bit word.</summary>
    public void InitGenrand(uint seed)
    {
        uint[] mt = _state;
        mt[0] = seed;
        for (int i = 1; i < N; i++)
        {
            mt[i] = (1812433253U * (mt[i - 1] ^ (mt[i - 1] >> 30))) + (uint)i;
        }

        _index = N;
    }

    /// <summary>The reference <c>init_by_array</c>: the state from a key of any number of 32-bit words.</summary>
    public void InitByArray(ReadOnlySpan<uint> key)
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

    /// <summary>The next tempered 32-bit output (<c>genrand_int32</c>).</summary>
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

    /// <summary>
    /// A double in [0, 1) with 53 random bits, <c>(a * 2^26 + b) / 2^53</c> from the top 27 and 26
    /// bits of two outputs: CPython's <c>random()</c> and numpy's <c>random_sample()</c> alike.
    /// </summary>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5;
        uint b = NextUInt32() >> 6;
        return ((a * 67108864.0) + b) * (1.0 / 9007199254740992.0);
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
}
