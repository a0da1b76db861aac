namespace Autograd;

/// <summary>
/// The minimiser of the lecture's loss: the point whose mean distance to the data is smallest,
/// the geometric median. It has no closed form; Weiszfeld's iteration finds it.
/// </summary>
public static class GeometricMedian
{
    /// <summary>
    /// Weiszfeld's iteration from the centroid: each step moves to the average of the points
    /// weighted by the inverse of their distance. When an iterate lands exactly on a data point,
    /// where that weight is infinite, the Vardi-Zhang step is taken instead: the data point is the
    /// median if the pull of the other points is at most its weight (its multiplicity), and
    /// otherwise the iterate moves away from it in the direction of that pull.
    /// </summary>
    /// <param name="xs">The points' x coordinates.</param>
    /// <param name="ys">The points' y coordinates, as many as <paramref name="xs"/>.</param>
    /// <param name="tolerance">Stop when a step moves less than this distance.</param>
    /// <param name="maxIterations">Stop after this many steps even if not converged.</param>
    /// <exception cref="ArgumentException">The batch is empty or the lengths differ (both lengths are named).</exception>
    public static GeometricMedianResult Solve(IReadOnlyList<double> xs, IReadOnlyList<double> ys, double tolerance = 1e-12, int maxIterations = 100_000)
    {
        int n = DistanceLoss.CheckBatch(xs, ys);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxIterations);
        if (!(tolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be a non-negative number.");
        }

        double x = 0, y = 0;
        for (int i = 0; i < n; i++)
        {
            x += xs[i];
            y += ys[i];
        }

        x /= n;
        y /= n;
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            double sumW = 0, sumX = 0, sumY = 0, pullX = 0, pullY = 0;
            int coincident = 0;
            for (int i = 0; i < n; i++)
            {
                double dx = xs[i] - x, dy = ys[i] - y;
                double d = Math.Sqrt((dx * dx) + (dy * dy));
                if (d == 0)
                {
                    coincident++;
                    continue;
                }

                double w = 1 / d;
                sumW += w;
                sumX += w * xs[i];
                sumY += w * ys[i];
                pullX += w * dx;
                pullY += w * dy;
            }

            if (sumW == 0)
            {
                return new GeometricMedianResult(x, y, iteration, true);
            }

            double nextX = sumX / sumW, nextY = sumY / sumW;
            if (coincident > 0)
            {
                double pull = Math.Sqrt((pullX * pullX) + (pullY * pullY));
                if (pull <= coincident)
                {
                    return new GeometricMedianResult(x, y, iteration, true);
                }

                double keep = coincident / pull;
                nextX = ((1 - keep) * nextX) + (keep * x);
                nextY = ((1 - keep) * nextY) + (keep * y);
            }

            double step = Math.Sqrt(((nextX - x) * (nextX - x)) + ((nextY - y) * (nextY - y)));
            x = nextX;
            y = nextY;
            if (step <= tolerance)
            {
                return new GeometricMedianResult(x, y, iteration, true);
            }
        }

        return new GeometricMedianResult(x, y, maxIterations, false);
    }
}
