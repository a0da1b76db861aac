namespace Autograd.Tests;

/// <summary>
/// Results that are computed only when read (a point against rows, squares, element-wise
/// functions, row sums) must be indistinguishable from results computed at once: the same bits,
/// and unaffected by later in-place changes to what they were computed from.
/// </summary>
public class DeferredTensorTests
{
    [Fact]
    public void A_deferred_chain_gives_the_bits_an_element_by_element_evaluation_gives()
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(3), 10_001);
        Tensor<double> data = Tensor.FromRows<double>(xs, ys).T();
        Tensor<double> pnt = Tensor.From(0.3, 0.7);

        Tensor<double> diff = data - pnt, squares = diff.Pow(2), sums = squares.Sum(dim: 1), roots = sums.Sqrt();
        double mean = roots.Mean().Item();

        double[] expectedRoots = new double[xs.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            double dx = xs[i] - 0.3, dy = ys[i] - 0.7;
            expectedRoots[i] = Math.Sqrt((0.0 + (dx * dx)) + (dy * dy));
        }

        Assert.Equal(expectedRoots, roots.ToArray());
        Assert.Equal(xs.Length, sums.Numel);
        Assert.Equal(xs[5] - 0.3, diff[10]);
        Assert.Equal((ys[5] - 0.7) * (ys[5] - 0.7), squares[11]);
        Assert.Equal(ChunkedSum(expectedRoots) / xs.Length, mean);
        Assert.Equal(mean, Tensor.From(expectedRoots).Mean().Item());
        Assert.Equal([.. xs.Select(x => 0.3 - x).Take(3)], (pnt - data).ToArray().Where((_, i) => i % 2 == 0).Take(3).ToArray());
    }

    [Fact]
    public void An_in_place_change_after_a_deferred_result_leaves_that_result_as_it_was()
    {
        Tensor<double> data = Tensor.From(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        Tensor<double> pnt = Tensor.From(1.0, 1.0);
        Tensor<double> view = data.Data;

        Tensor<double> diff = data - pnt;
        Tensor<double> root = data.Sqrt();
        data += 10.0;
        pnt += 100.0;

        Assert.Equal([0.0, 1, 2, 3, 4, 5], diff.ToArray());
        Assert.Equal(Math.Sqrt(6), root[5]);
        Assert.Equal(16.0, view[5]);
        view *= 2.0;
        Assert.Equal(32.0, data[5]);
        Assert.Equal(5.0, diff[5]);
    }

    [Fact]
    public void Gradients_through_deferred_results_match_the_scalar_engine()
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(9), 300);
        Tensor<double> data = Tensor.FromRows<double>(xs, ys).T();
        Tensor<double> pnt = Tensor.From(0.4, 0.6);
        pnt.RequiresGrad = true;

        // Block on the left, exp and log of deferred values, a mean over a dimension of a deferred result.
        Tensor<double> loss = (pnt - data).Pow(2).Sum(1).Sqrt().Mean() + ((data * pnt).Exp().Mean(dim: 1).Log().Mean() / 10.0);
        loss.Backward();

        CompNode px = new(0.4), py = new(0.6);
        CompNode total = new(0);
        for (int i = 0; i < xs.Length; i++)
        {
            CompNode dx = px - new CompNode(xs[i]), dy = py - new CompNode(ys[i]);
            CompNode distance = ((dx * dx) + (dy * dy)).Pow(0.5);
            CompNode logMeanExp = (((new CompNode(xs[i]) * px).Exp() + (new CompNode(ys[i]) * py).Exp()) * 0.5).Log();
            total = total + (distance * (1.0 / xs.Length)) + (logMeanExp * (1.0 / xs.Length / 10));
        }

        total.Backward();
        Assert.Equal(total.Val, loss.Item(), 1e-12);
        Assert.Equal(px.Grad, pnt.Grad![0], 1e-12);
        Assert.Equal(py.Grad, pnt.Grad![1], 1e-12);
    }

    [Fact]
    public void A_gradient_accumulated_in_place_does_not_change_a_result_computed_from_it()
    {
        Tensor<double> x = Tensor.From(1.0, 2.0);
        x.RequiresGrad = true;
        (x * x).Sum().Backward();
        Tensor<double> squaredGrad = x.Grad!.Pow(2);

        (x * x).Sum().Backward();

        Assert.Equal([4.0, 8.0], x.Grad.ToArray());
        Assert.Equal([4.0, 16.0], squaredGrad.ToArray());
    }

    [Fact]
    public void Threads_reading_a_deferred_result_at_once_all_see_its_values()
    {
        Tensor<double> data = Tensor.From(Enumerable.Range(0, 20_000).Select(i => i * 0.5).ToArray());
        double[] expected = [.. Enumerable.Range(0, 20_000).Select(i => Math.Sqrt((i * 0.5) - 1.0))];
        for (int round = 0; round < 20; round++)
        {
            Tensor<double> roots = (data - Tensor.From(1.0)).Sqrt();
            var seen = new double[4][];
            Parallel.For(0, seen.Length, t => seen[t] = roots.ToArray());
            Assert.All(seen, values => Assert.Equal(expected, values));
        }
    }

    [Theory]
    [InlineData(3, 5000)]
    [InlineData(700, 2)]
    [InlineData(9, 7)]
    public void Gradients_are_the_same_bits_whether_intermediate_results_were_deferred_or_computed(int rows, int cols)
    {
        var rng = new PyRandom(rows + cols);
        double[] values = [.. Enumerable.Range(0, rows * cols).Select(_ => rng.Uniform(0.5, 2))];
        double[] Gradient(bool computeEach)
        {
            Tensor<double> grid = Tensor.FromRows<double>([.. Enumerable.Range(0, rows).Select(r => (IReadOnlyList<double>)values.Skip(r * cols).Take(cols).ToArray())]);
            grid.RequiresGrad = true;
            Tensor<double> T(Tensor<double> t)
            {
                if (computeEach)
                {
                    _ = t[0];
                }

                return t;
            }

            Tensor<double> squares = T(grid.Pow(2)), logs = T(squares.Log()), sums = T(logs.Sum(dim: 1)), roots = T(sums.Sqrt());
            Tensor<double> shifted = T(grid - Tensor.From(values.Take(cols).ToArray())), exps = T((-shifted).Exp());
            Tensor<double> loss = roots.Mean() + exps.Sum(1).Mean();
            loss.Backward();
            return [loss.Item(), .. grid.Grad!.ToArray()];
        }

        Assert.Equal(Gradient(computeEach: true), Gradient(computeEach: false));
    }

    private static double ChunkedSum(double[] values)
    {
        double total = 0;
        bool first = true;
        for (int start = 0; start < values.Length; start += 4096)
        {
            double part = System.Numerics.Tensors.TensorPrimitives.Sum<double>(values.AsSpan(start, Math.Min(4096, values.Length - start)));
            total = first ? part : total + part;
            first = false;
        }

        return total;
    }
}
