namespace Autograd.Datasets;

/// <summary>
/// A bit-for-bit twin of numpy's legacy <c>numpy.random.RandomState</c> (the generator behind
/// <c>np.random.seed</c> and scikit-learn's <c>random_state</c>), so that a data set drawn here is
/// the very data set a Python notebook drew: the same points, the same order, the same noise.
/// </summary>
/// <remarks>
/// <para>
/// Seeding follows numpy's rule for an integer seed, which is not CPython's: the 32-bit seed goes
/// to MT19937's <c>init_genrand</c> directly (CPython feeds the seed's words to <c>init_by_array</c>),
/// so <c>NumpyRandom(1337)</c> and <c>PyRandom(1337)</c> are different streams, as they are in Python.
/// </para>
/// <para>
/// <see cref="RandomSample()"/> is numpy's 53-bit double; <see cref="StandardNormal"/> is the legacy
/// polar Box–Muller method, which draws two uniforms, returns one Gaussian and keeps the other for
/// the next call (numpy's newer <c>Generator</c> uses a different, ziggurat, method); and
/// <see cref="Shuffle{T}"/> is the legacy Fisher–Yates shuffle with numpy's bounded integers (the
/// smallest bit mask covering the bound, redrawing a 32-bit output until the masked value fits).
/// </para>
/// <para>An instance is not safe to use from two threads at once, like numpy's without its lock.</para>
/// </remarks>
public sealed class NumpyRandom
{
    private readonly Mt19937 _mt = new();
    private bool _hasGauss;
    private double _gauss;

    /// <summary>Seeds like <c>numpy.random.RandomState(seed)</c> for an integer seed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The seed is outside [0, 2^32 - 1], which numpy rejects too.</exception>
    public NumpyRandom(long seed) => Reseed(seed);

    /// <summary>
    /// The process-wide generator that the <c>numpy.random</c> functions use and <see cref="Seed"/>
    /// reseeds, the default of <see cref="Moons.Make"/>. Until the first <see cref="Seed"/> it starts
    /// from an unpredictable seed, as numpy's does.
    /// </summary>
    public static NumpyRandom Global { get; } = new(System.Random.Shared.NextInt64(0, 1L << 32));

    /// <summary>
    /// <c>np.random.seed(seed)</c>: reseeds <see cref="Global"/> in place (references to it stay
    /// valid) and forgets a kept Gaussian.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The seed is outside [0, 2^32 - 1].</exception>
    public static void Seed(long seed) => Global.Reseed(seed);

    /// <summary>The next raw 32-bit output of MT19937 (numpy's <c>next_uint32</c>).</summary>
    public uint NextUInt32() => _mt.NextUInt32();

    /// <summary>numpy's <c>random_sample()</c>: a double in [0, 1) with 53 random bits.</summary>
    public double RandomSample() => _mt.NextDouble();

    /// <summary>numpy's <c>random_sample(n)</c>: <paramref name="n"/> doubles in [0, 1), in drawing order.</summary>
    public double[] RandomSample(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = _mt.NextDouble();
        }

        return values;
    }

    /// <summary>
    /// The legacy <c>standard_normal()</c>: with no Gaussian kept, draws pairs
    /// <c>x1 = 2u - 1</c>, <c>x2 = 2v - 1</c> until <c>0 &lt; r2 = x1² + x2² &lt; 1</c>, keeps
    /// <c>f x1</c> and returns <c>f x2</c> with <c>f = sqrt(-2 ln(r2) / r2)</c>; otherwise returns
    /// the kept one.
    /// </summary>
    public double StandardNormal()
    {
        if (_hasGauss)
        {
            _hasGauss = false;
            double kept = _gauss;
            _gauss = 0.0;
            return kept;
        }

        double x1, x2, r2;
        do
        {
            x1 = (2.0 * _mt.NextDouble()) - 1.0;
            x2 = (2.0 * _mt.NextDouble()) - 1.0;
            r2 = (x1 * x1) + (x2 * x2);
        }
        while (r2 >= 1.0 || r2 == 0.0);

        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    /// <summary>The legacy <c>normal(loc, scale)</c>: <c>loc + scale * standard_normal()</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is negative.</exception>
    public double Normal(double loc, double scale)
    {
        CheckScale(scale);
        return loc + (scale * StandardNormal());
    }

    /// <summary>
    /// The legacy <c>normal(loc, scale, size=n)</c>: <paramref name="n"/> values in drawing order,
    /// which for a shape such as <c>(rows, 2)</c> is row after row (numpy's C order).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> or <paramref name="n"/> is negative.</exception>
    public double[] Normal(double loc, double scale, int n)
    {
        CheckScale(scale);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = loc + (scale * StandardNormal());
        }

        return values;
    }

    /// <summary>The legacy <c>permutation(n)</c>: <c>0 .. n-1</c> put through <see cref="Shuffle{T}"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    public int[] Permutation(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var indices = new int[n];
        for (int i = 0; i < n; i++)
        {
            indices[i] = i;
        }

        Shuffle(indices);
        return indices;
    }

    /// <summary>
    /// The legacy <c>shuffle(x)</c> in place: for <c>i</c> from the last index down to 1, swaps
    /// item <c>i</c> with item <c>j</c>, a bounded integer in [0, i] drawn as numpy draws it.
    /// </summary>
    public void Shuffle<T>(T[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = (int)Interval((uint)i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// numpy's legacy <c>random_interval(max)</c>: the smallest all-ones mask covering
    /// <paramref name="max"/>, and 32-bit outputs masked with it until one is at most <paramref name="max"/>.
    /// </summary>
    private uint Interval(uint max)
    {
        uint mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint value;
        while ((value = _mt.NextUInt32() & mask) > max)
        {
        }

        return value;
    }

    private void Reseed(long seed)
    {
        if (seed is < 0 or > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(seed), seed, "A numpy seed must be between 0 and 2**32 - 1.");
        }

        _mt.InitGenrand((uint)seed);
        _hasGauss = false;
        _gauss = 0.0;
    }

    private static void CheckScale(double scale)
    {
        if (scale < 0.0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale (standard deviation) of a normal distribution cannot be negative.");
        }
    }
}
