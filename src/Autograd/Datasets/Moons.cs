namespace Autograd.Datasets;

/// <summary>
/// scikit-learn's <c>make_moons</c> (version 1.2): two interleaving half circles, the data set
/// micrograd's demo trains on, drawn with <see cref="NumpyRandom"/> so that the points are
/// scikit-learn's bit for bit.
/// </summary>
public static class Moons
{
    /// <summary>
    /// <c>sklearn.datasets.make_moons(n_samples, shuffle=shuffle, noise=noise, random_state=random)</c>:
    /// <c>nSamples / 2</c> points (rounded down) on the upper half circle <c>(cos t, sin t)</c>
    /// labelled 0, the rest on the lower one <c>(1 - cos t, 1 - sin t - 0.5)</c> labelled 1, with
    /// <c>t</c> numpy's <c>linspace(0, pi, count)</c>; then, if <paramref name="shuffle"/>, the
    /// rows in the order of the generator's shuffle of <c>0 .. n-1</c>; then, if
    /// <paramref name="noise"/> is given, Gaussian noise of that standard deviation added to every
    /// coordinate, row after row.
    /// </summary>
    /// <param name="nSamples">How many points in all.</param>
    /// <param name="shuffle">Whether to shuffle the rows, as scikit-learn does by default.</param>
    /// <param name="noise">The noise's standard deviation, or <see langword="null"/> for none (no draws).</param>
    /// <param name="random">The generator; <see cref="NumpyRandom.Global"/> (seeded by <see cref="NumpyRandom.Seed"/>) when <see langword="null"/>, as scikit-learn's <c>random_state=None</c>.</param>
    /// <returns>The points as rows <c>[x, y]</c> and their labels, 0 or 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nSamples"/> or <paramref name="noise"/> is negative.</exception>
    /// <remarks>
    /// The cosines and sines are the C library's, as numpy computes them on a CPU without AVX-512.
    /// On an AVX-512 CPU numpy 1.22 and newer use vectorised code whose results differ in the last
    /// bit for some angles, so there scikit-learn's points differ from these (and from each other
    /// across machines) in the last bit unless numpy runs with
    /// <c>NPY_DISABLE_CPU_FEATURES="AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL"</c>.
    /// </remarks>
    public static (double[][] X, int[] Y) Make(int nSamples = 100, bool shuffle = true, double? noise = null, NumpyRandom? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nSamples);
        if (noise is double n && n < 0.0)
        {
            throw new ArgumentOutOfRangeException(nameof(noise), n, "The noise is a standard deviation and cannot be negative.");
        }

        random ??= NumpyRandom.Global;
        int nOut = nSamples / 2;
        int nIn = nSamples - nOut;
        var points = new double[nSamples][];
        var labels = new int[nSamples];
        double[] outer = Linspace(0.0, Math.PI, nOut);
        for (int i = 0; i < nOut; i++)
        {
            points[i] = [Math.Cos(outer[i]), Math.Sin(outer[i])];
        }

        double[] inner = Linspace(0.0, Math.PI, nIn);
        for (int i = 0; i < nIn; i++)
        {
            points[nOut + i] = [1.0 - Math.Cos(inner[i]), 1.0 - Math.Sin(inner[i]) - 0.5];
            labels[nOut + i] = 1;
        }

        if (shuffle)
        {
            int[] order = random.Permutation(nSamples);
            points = [.. order.Select(i => points[i])];
            labels = [.. order.Select(i => labels[i])];
        }

        if (noise is double scale)
        {
            double[] draws = random.Normal(0.0, scale, 2 * nSamples);
            for (int i = 0; i < nSamples; i++)
            {
                points[i][0] += draws[2 * i];
                points[i][1] += draws[(2 * i) + 1];
            }
        }

        return (points, labels);
    }

    /// <summary>
    /// numpy's <c>linspace(start, stop, num)</c>: <c>i * step + start</c> with
    /// <c>step = (stop - start) / (num - 1)</c>, and the last point set to <paramref name="stop"/> itself.
    /// </summary>
    private static double[] Linspace(double start, double stop, int num)
    {
        var values = new double[num];
        if (num == 1)
        {
            values[0] = ((stop - start) * 0.0) + start;
            return values;
        }

        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++)
        {
            values[i] = (i * step) + start;
        }

        if (num > 1)
        {
            values[^1] = stop;
        }

        return values;
    }
}
