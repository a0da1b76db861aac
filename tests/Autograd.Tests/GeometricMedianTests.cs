namespace Autograd.Tests;

public class GeometricMedianTests
{
    [Fact]
    public void Beats_every_point_of_a_fine_grid_on_the_lecture_points()
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(5), 100);

        GeometricMedianResult median = GeometricMedian.Solve(xs, ys);
        double best = DistanceLoss.Loss(median.X, median.Y, xs, ys);

        Assert.True(median.Converged);
        double gridBest = double.MaxValue, gridX = 0, gridY = 0;
        for (int i = 0; i <= 200; i++)
        {
            for (int j = 0; j <= 200; j++)
            {
                double loss = DistanceLoss.Loss(i / 200.0, j / 200.0, xs, ys);
                if (loss < gridBest)
                {
                    (gridBest, gridX, gridY) = (loss, i / 200.0, j / 200.0);
                }
            }
        }

        Assert.True(best <= gridBest, $"median loss {best} above grid minimum {gridBest}");
        Assert.True(Math.Abs(median.X - gridX) <= 0.01 && Math.Abs(median.Y - gridY) <= 0.01, $"median ({median.X}, {median.Y}) far from grid ({gridX}, {gridY})");
        (double gx, double gy) = DistanceLoss.Gradient(median.X, median.Y, xs, ys);
        Assert.True(Math.Sqrt((gx * gx) + (gy * gy)) < 1e-9);
    }

    [Fact]
    public void Collinear_points_have_the_middle_point_as_median()
    {
        GeometricMedianResult median = GeometricMedian.Solve([0.0, 1.0, 5.0], [0.0, 1.0, 5.0]);

        Assert.True(median.Converged);
        Assert.Equal(1.0, median.X, 1e-9);
        Assert.Equal(1.0, median.Y, 1e-9);
    }

    [Fact]
    public void A_point_mass_is_its_own_median()
    {
        GeometricMedianResult median = GeometricMedian.Solve([0.4, 0.4, 0.4], [0.7, 0.7, 0.7]);

        Assert.True(median.Converged);
        Assert.Equal(0.4, median.X, 1e-15);
        Assert.Equal(0.7, median.Y, 1e-15);
    }

    [Fact]
    public void A_data_point_at_the_median_is_found_without_dividing_by_zero()
    {
        // A cross around the origin: the centroid, where the iteration starts, is the data point
        // (0, 0), and it is the median.
        double[] xs = [0, 1, -1, 0, 0];
        double[] ys = [0, 0, 0, 1, -1];

        GeometricMedianResult median = GeometricMedian.Solve(xs, ys);

        Assert.True(median.Converged);
        Assert.Equal(0.0, median.X);
        Assert.Equal(0.0, median.Y);
    }

    [Fact]
    public void An_iterate_on_a_data_point_that_is_not_the_median_moves_on()
    {
        // The centroid (0, 0) is a data point, but the three points at (3, 0) pull with a force of
        // 3 against 1 from (-9, 0), more than the weight 1 of the point itself: the median is (3, 0).
        double[] xs = [0, 3, 3, 3, -9];
        double[] ys = [0, 0, 0, 0, 0];

        GeometricMedianResult median = GeometricMedian.Solve(xs, ys);

        Assert.True(median.Converged);
        Assert.Equal(3.0, median.X, 1e-9);
        Assert.Equal(0.0, median.Y, 1e-9);
        Assert.True(DistanceLoss.Loss(median.X, median.Y, xs, ys) < DistanceLoss.Loss(0, 0, xs, ys));
    }

    [Fact]
    public void Bad_batches_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => GeometricMedian.Solve([1.0], [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => GeometricMedian.Solve([], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => GeometricMedian.Solve([1.0], [1.0], tolerance: double.NaN));
    }
}
