
namespace Autograd.Tests;

public class DistanceLossTests
{
    [Fact]
    public void Generate_points_draws_all_x_then_all_y_from_one_generator()
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(5), 3);
        var rng = new PyRandom(5);
        double[] stream = [.. Enumerable.Range(0, 6).Select(_ => rng.Random())];

        Assert.Equal(stream[..3], xs);
        Assert.Equal(stream[3..], ys);
    }

    [Fact]
    public void Graph_value_and_gradient_equal_the_closed_form_on_many_batches()
    {
        var rng = new PyRandom(2024);
        for (int trial = 0; trial < 50; trial++)
        {
            (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(rng, 1 + trial);
            double px = rng.Uniform(-1, 2), py = rng.Uniform(-1, 2);
            CompNode xp = new(px), yp = new(py);

            CompNode loss = DistanceLoss.Graph(xp, yp, xs, ys);
            loss.Backward();
            (double gx, double gy) = DistanceLoss.Gradient(px, py, xs, ys);

            Assert.Equal(DistanceLoss.Loss(px, py, xs, ys), loss.Val, 1e-15);
            Assert.Equal(gx, xp.Grad, 1e-14);
            Assert.Equal(gy, yp.Grad, 1e-14);
        }
    }

    [Fact]
    public void Different_lengths_name_both_lengths()
    {
        double[] xs = [0.1, 0.2, 0.3];
        double[] ys = [0.1, 0.2];

        ArgumentException e1 = Assert.Throws<ArgumentException>(() => DistanceLoss.Loss(0, 0, xs, ys));
        ArgumentException e2 = Assert.Throws<ArgumentException>(() => DistanceLoss.Gradient(0, 0, xs, ys));
        ArgumentException e3 = Assert.Throws<ArgumentException>(() => DistanceLoss.Graph(0.0, 0.0, xs, ys));

        foreach (ArgumentException e in new[] { e1, e2, e3 })
        {
            Assert.Contains("xs has 3", e.Message, StringComparison.Ordinal);
            Assert.Contains("ys has 2", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Empty_batch_is_rejected()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => DistanceLoss.Loss(0, 0, [], []));
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DistanceLoss.Gradient(0, 0, [], []));
        Assert.Throws<ArgumentException>(() => DistanceLoss.Graph(0.0, 0.0, [], []));
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        double[] v = [1.0];
        Assert.Throws<ArgumentNullException>(() => DistanceLoss.Loss(0, 0, null!, v));
        Assert.Throws<ArgumentNullException>(() => DistanceLoss.Gradient(0, 0, v, null!));
        Assert.Throws<ArgumentNullException>(() => DistanceLoss.Graph(null!, 0.0, v, v));
        Assert.Throws<ArgumentNullException>(() => DistanceLoss.GeneratePoints(null!, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => DistanceLoss.GeneratePoints(new PyRandom(1), -1));
    }

    [Fact]
    public void Nan_and_infinity_propagate()
    {
        Assert.True(double.IsNaN(DistanceLoss.Loss(double.NaN, 0, [1.0], [1.0])));
        Assert.Equal(double.PositiveInfinity, DistanceLoss.Loss(0, 0, [double.PositiveInfinity], [1.0]));
        Assert.True(double.IsNaN(DistanceLoss.Gradient(0, 0, [1.0, double.NaN], [1.0, 2.0]).X));
    }

    [Fact]
    public void A_point_on_a_data_point_contributes_zero_to_the_closed_form_and_nan_to_the_graph()
    {
        double[] xs = [0.3, 1.3];
        double[] ys = [0.3, 0.3];

        (double gx, double gy) = DistanceLoss.Gradient(0.3, 0.3, xs, ys);
        Assert.Equal(-0.5, gx);
        Assert.Equal(0.0, gy);
        Assert.Equal(0.5, DistanceLoss.Loss(0.3, 0.3, xs, ys));

        CompNode xp = new(0.3), yp = new(0.3);
        CompNode loss = DistanceLoss.Graph(xp, yp, xs, ys);
        loss.Backward();
        Assert.Equal(0.5, loss.Val);
        Assert.True(double.IsNaN(xp.Grad));
        Assert.True(double.IsNaN(yp.Grad));
    }
}
