namespace Autograd.Tests;

public class GradientDescentTests
{
    [Fact]
    public void Descends_to_the_geometric_median_and_autograd_agrees_with_the_closed_form()
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(5), 100);

        IReadOnlyList<DescentStep> path = GradientDescent.Run(xs, ys, 0.3, 0.3, 0.1, 200);

        Assert.Equal(201, path.Count);
        Assert.Equal(0.5031831004924388, path[0].Loss, 1e-15);
        Assert.Equal(-0.28245211967555384, path[0].ClosedGradX);
        GeometricMedianResult median = GeometricMedian.Solve(xs, ys);
        Assert.Equal(DistanceLoss.Loss(median.X, median.Y, xs, ys), path[^1].Loss, 1e-6);
        Assert.All(path, p => Assert.True(Math.Abs(p.GradX - p.ClosedGradX) < 1e-14 && Math.Abs(p.GradY - p.ClosedGradY) < 1e-14));
        Assert.Equal(path[0].X - (0.1 * path[0].GradX), path[1].X);
    }
}
