namespace Autograd;

/// <summary>
/// Gradient descent on the lecture's loss, with gradients from <see cref="CompNode.Backward"/>,
/// recording each step next to the closed-form gradient at the same point.
/// </summary>
public static class GradientDescent
{
    /// <summary>
    /// Takes <paramref name="steps"/> steps of <c>p -= learningRate * grad</c> from
    /// <c>(x0, y0)</c>. Step 0 is the start; each record holds the point, the loss there, the
    /// autograd gradient and the closed-form gradient.
    /// </summary>
    /// <exception cref="ArgumentException">The batch is empty or the lengths differ.</exception>
    public static IReadOnlyList<DescentStep> Run(IReadOnlyList<double> xs, IReadOnlyList<double> ys, double x0, double y0, double learningRate, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        if (!double.IsFinite(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be a finite number.");
        }

        var path = new List<DescentStep>(steps + 1);
        CompNode xp = new(x0), yp = new(y0);
        for (int step = 0; step <= steps; step++)
        {
            CompNode loss = DistanceLoss.Graph(xp, yp, xs, ys);
            loss.Backward();
            (double closedX, double closedY) = DistanceLoss.Gradient(xp.Val, yp.Val, xs, ys);
            path.Add(new DescentStep(step, xp.Val, yp.Val, loss.Val, xp.Grad, yp.Grad, closedX, closedY));
            xp.Val -= learningRate * xp.Grad;
            yp.Val -= learningRate * yp.Grad;
            xp.Grad = 0;
            yp.Grad = 0;
        }

        return path;
    }
}
