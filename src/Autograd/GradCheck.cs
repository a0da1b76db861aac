namespace Autograd;

/// <summary>
/// Checks <see cref="CompNode.Backward"/> against central differences, the way to trust a new
/// operation: if the chain-rule step is wrong, the two gradients disagree.
/// </summary>
public static class GradCheck
{
    /// <summary>
    /// Builds <paramref name="f"/> on fresh leaves holding <paramref name="inputs"/>, back-propagates,
    /// and compares each input's <see cref="CompNode.Grad"/> with
    /// <c>(f(x + h) - f(x - h)) / 2h</c>, where <c>h = step * max(1, |x|)</c>.
    /// </summary>
    /// <param name="f">A scalar function of the inputs, built from <see cref="CompNode"/> operations.</param>
    /// <param name="inputs">The point at which to compare the gradients.</param>
    /// <param name="step">The relative finite-difference step; 1e-6 balances truncation and rounding for smooth functions.</param>
    public static GradCheckResult Check(Func<CompNode[], CompNode> f, IReadOnlyList<double> inputs, double step = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(inputs);
        if (!(step > 0.0) || double.IsInfinity(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The finite-difference step must be a positive finite number.");
        }

        CompNode[] leaves = Leaves(inputs);
        CompNode output = f(leaves) ?? throw new InvalidOperationException("The function returned null instead of a node.");
        output.Backward();
        var analytic = new double[inputs.Count];
        for (int i = 0; i < analytic.Length; i++)
        {
            analytic[i] = leaves[i].Grad;
        }

        var numerical = new double[inputs.Count];
        var shifted = new double[inputs.Count];
        for (int i = 0; i < numerical.Length; i++)
        {
            for (int j = 0; j < shifted.Length; j++)
            {
                shifted[j] = inputs[j];
            }

            double h = step * Math.Max(1.0, Math.Abs(inputs[i]));
            shifted[i] = inputs[i] + h;
            double up = f(Leaves(shifted)).Val;
            shifted[i] = inputs[i] - h;
            double down = f(Leaves(shifted)).Val;
            numerical[i] = (up - down) / (2.0 * h);
        }

        double worst = 0.0;
        for (int i = 0; i < numerical.Length; i++)
        {
            worst = Math.Max(worst, RelativeError(analytic[i], numerical[i]));
        }

        return new GradCheckResult(output.Val, analytic, numerical, worst);
    }

    /// <summary>
    /// <c>|a - b| / max(|a|, |b|, 1)</c>: relative for large gradients, absolute near zero (where a
    /// relative error would explode), and NaN when either gradient is NaN so a failure cannot hide.
    /// </summary>
    public static double RelativeError(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b))
        {
            return double.NaN;
        }

        if (a == b)
        {
            return 0.0;
        }

        return Math.Abs(a - b) / Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(b)));
    }

    private static CompNode[] Leaves(IReadOnlyList<double> values)
    {
        var leaves = new CompNode[values.Count];
        for (int i = 0; i < leaves.Length; i++)
        {
            leaves[i] = new CompNode(values[i]);
        }

        return leaves;
    }
}
