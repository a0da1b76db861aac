namespace Autograd;

/// <summary>
/// The lecture's mean-distance loss, "code copied from previous lectures": the mean Euclidean
/// distance from a point <c>(x_p, y_p)</c> to a batch of data points, its hand-derived gradient,
/// and the same loss as a <see cref="CompNode"/> graph.
/// </summary>
/// <remarks>
/// Every method performs the same floating-point operations in the same order as the lecture's
/// Python (squares through <see cref="Math.Pow"/> or a bit-identical shortcut of it, sums from left to right), so results are equal
/// with <c>==</c>, not just close. Unlike Python's <c>zip</c>, which silently drops the extra items,
/// batches of different lengths are rejected, and so is an empty batch (its mean is undefined).
/// NaN and infinite inputs are not rejected: they propagate into the result.
/// </remarks>
public static class DistanceLoss
{
    /// <summary>
    /// The lecture's <c>generate_points(N)</c>: <paramref name="n"/> x values, then
    /// <paramref name="n"/> y values, each <c>rng.Uniform(0, 1)</c>, from the one generator.
    /// </summary>
    public static (double[] X, double[] Y) GeneratePoints(PyRandom rng, int n)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var xs = new double[n];
        var ys = new double[n];
        for (int i = 0; i < n; i++)
        {
            xs[i] = rng.Uniform(0, 1);
        }

        for (int i = 0; i < n; i++)
        {
            ys[i] = rng.Uniform(0, 1);
        }

        return (xs, ys);
    }

    /// <summary>
    /// The lecture's <c>loss</c>: <c>(1 / n) * sum(sqrt((x_i - x_p)**2 + (y_i - y_p)**2))</c>.
    /// </summary>
    public static double Loss(double xp, double yp, IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        int n = CheckBatch(xs, ys);
        double sum = 0.0;
        for (int i = 0; i < n; i++)
        {
            sum += Math.Sqrt(ExactPow.Pow(xs[i] - xp, 2) + ExactPow.Pow(ys[i] - yp, 2));
        }

        return 1.0 / n * sum;
    }

    /// <summary>
    /// The lecture's <c>calc_grad</c>: the closed-form gradient of <see cref="Loss"/> with respect
    /// to <c>(x_p, y_p)</c>, <c>-(1/n) * sum((p_i - p) / |p_i - p|)</c>.
    /// </summary>
    /// <remarks>
    /// A data point that coincides with <c>(x_p, y_p)</c> has no derivative there (the distance is
    /// a cone); it contributes 0, the smallest subgradient, where the lecture's Python would raise
    /// <c>ZeroDivisionError</c>. The gradient of the <see cref="Graph(CompNode, CompNode, IReadOnlyList{double}, IReadOnlyList{double})"/> at such a point is NaN
    /// instead, because the graph applies the chain rule literally (<c>0 * inf</c>).
    /// </remarks>
    public static (double X, double Y) Gradient(double xp, double yp, IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        int n = CheckBatch(xs, ys);
        double sumX = 0.0;
        double sumY = 0.0;
        for (int i = 0; i < n; i++)
        {
            double dx = xs[i] - xp;
            double dy = ys[i] - yp;
            double squared = ExactPow.Pow(dx, 2) + ExactPow.Pow(dy, 2);
            if (squared == 0.0)
            {
                continue;
            }

            double invSqrt = ExactPow.Pow(squared, -0.5);
            sumX += invSqrt * dx;
            sumY += invSqrt * dy;
        }

        return (-sumX / n, -sumY / n);
    }

    /// <summary>
    /// The lecture's last <c>loss_graph</c>: per point <c>I = p - x_i</c>, <c>g = I.Pow(2)</c>,
    /// <c>M = g_x + g_y</c>, <c>l = M.Pow(0.5)</c>; the sum starts at a node holding 0 and adds each
    /// <c>l</c>; the result is <c>(1.0 / n) * sum</c>. Nine nodes per point.
    /// </summary>
    public static CompNode Graph(CompNode xp, CompNode yp, IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        ArgumentNullException.ThrowIfNull(xp);
        ArgumentNullException.ThrowIfNull(yp);
        int n = CheckBatch(xs, ys);
        CompNode loss = new(0.0);
        for (int i = 0; i < n; i++)
        {
            CompNode ix = xp - xs[i];
            CompNode iy = yp - ys[i];
            CompNode gx = ix.Pow(2);
            CompNode gy = iy.Pow(2);
            CompNode m = gx + gy;
            CompNode l = m.Pow(0.5);
            loss += l;
        }

        return 1.0 / n * loss;
    }

    /// <summary>
    /// The same loss as <see cref="Graph(CompNode, CompNode, IReadOnlyList{double}, IReadOnlyList{double})"/>,
    /// recorded on the tape of <paramref name="xp"/> (seven entries per point: the data coordinates
    /// stay numbers in their subtractions' slots). Values and gradients equal the
    /// <see cref="CompNode"/> graph's bit for bit.
    /// </summary>
    public static TapeNode Graph(TapeNode xp, TapeNode yp, IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        int n = CheckBatch(xs, ys);
        GradientTape tape = xp.Tape;
        TapeNode loss = tape.Variable(0.0);
        for (int i = 0; i < n; i++)
        {
            TapeNode ix = xp - xs[i];
            TapeNode iy = yp - ys[i];
            TapeNode gx = ix.Pow(2);
            TapeNode gy = iy.Pow(2);
            TapeNode m = gx + gy;
            TapeNode l = m.Pow(0.5);
            loss += l;
        }

        return 1.0 / n * loss;
    }

    /// <summary>Checks a batch and returns its length: non-null, equal lengths (both named if not), not empty.</summary>
    internal static int CheckBatch(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        if (xs.Count != ys.Count)
        {
            throw new ArgumentException(
                $"The batch's x and y coordinates must have the same length, but xs has {xs.Count} and ys has {ys.Count}.",
                nameof(ys));
        }

        if (xs.Count == 0)
        {
            throw new ArgumentException("The batch is empty (xs and ys both have length 0): the mean distance is undefined.", nameof(xs));
        }

        return xs.Count;
    }
}
