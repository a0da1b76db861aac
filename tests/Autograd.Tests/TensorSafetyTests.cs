namespace Autograd.Tests;

/// <summary>
/// What must never go silently wrong with tensors: a NoGrad scope across await, a saved tensor
/// changed in place before Backward, a shape too large to allocate, gradient buffers reused
/// from the pool.
/// </summary>
public class TensorSafetyTests
{
    [Fact]
    public async Task NoGrad_follows_its_code_across_await_and_ends_with_its_scope()
    {
        Tensor<double> x = Leaf(1.0, 2.0);

        using (Tensor.NoGrad())
        {
            Assert.False(Tensor.IsGradEnabled);
            await Task.Delay(5);
            Assert.False(Tensor.IsGradEnabled);
            x -= Tensor.From(0.5, 0.5);
        }

        Assert.True(Tensor.IsGradEnabled);
        Assert.True(await Task.Run(() => Tensor.IsGradEnabled));
        Tensor<double> loss = (x * x).Sum();
        loss.Backward();
        Assert.Equal([1.0, 3.0], x.Grad!.ToArray());
    }

    [Fact]
    public async Task An_await_inside_NoGrad_leaves_no_thread_with_gradients_off()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool? callerDuringAwait = null, callerAfter = null, continuationInside = null;

        async Task StepWithAwait()
        {
            using (Tensor.NoGrad())
            {
                await gate.Task;
                continuationInside = Tensor.IsGradEnabled;
            }
        }

        var thread = new Thread(() =>
        {
            Task step = StepWithAwait();
            callerDuringAwait = Tensor.IsGradEnabled;
            gate.SetResult();
            step.Wait();
            callerAfter = Tensor.IsGradEnabled;
        });
        thread.Start();
        thread.Join();

        Assert.True(callerDuringAwait);
        Assert.False(continuationInside);
        Assert.True(callerAfter);
        Assert.True(await Task.Run(() => Tensor.IsGradEnabled));
    }

    [Fact]
    public void Backward_of_a_tensor_built_inside_NoGrad_says_so()
    {
        Tensor<double> x = Leaf(1.0, 2.0);
        Tensor<double> y;
        using (Tensor.NoGrad())
        {
            y = (x * 2).Sum();
        }

        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => y.Backward());

        Assert.Contains("computed inside Tensor.NoGrad()", e.Message, StringComparison.Ordinal);
        using (Tensor.NoGrad())
        {
            InvalidOperationException inside = Assert.Throws<InvalidOperationException>(() => Tensor.From(1.0).Sum().Backward());
            Assert.Contains("NoGrad() scope is still active", inside.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_saved_input_changed_in_place_makes_backward_throw_naming_the_operation()
    {
        Tensor<double> a = Leaf(1.0, 2.0);
        Tensor<double> b = Tensor.From(3.0, 4.0);
        Tensor<double> y = (a * b).Sum();

        b += 1.0;

        Assert.Equal(1, b.Version);
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("modified by an in-place operation", e.Message, StringComparison.Ordinal);
        Assert.Contains("MulBackward0", e.Message, StringComparison.Ordinal);
        Assert.Contains("[2]", e.Message, StringComparison.Ordinal);
        Assert.Contains("is at version 1; expected version 0", e.Message, StringComparison.Ordinal);
        Assert.Contains("+=", e.Message, StringComparison.Ordinal);
        Assert.Null(a.Grad);
    }

    [Fact]
    public void A_saved_result_changed_in_place_makes_backward_throw()
    {
        Tensor<double> a = Leaf(4.0, 9.0);
        Tensor<double> root = a.Sqrt();
        Tensor<double> y = root.Sum();

        using (Tensor.NoGrad())
        {
            root.Zero_();
        }

        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("SqrtBackward0", e.Message, StringComparison.Ordinal);
        Assert.Contains("its result", e.Message, StringComparison.Ordinal);
        Assert.Contains("Zero_()", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_changes_the_graph_needs_are_errors_and_Detach_shares_the_count_while_Data_does_not()
    {
        Tensor<double> a = Leaf(1.0, 2.0);
        Tensor<double> b = Tensor.From(3.0, 4.0);

        // An addition saves nothing: changing its operand afterwards is fine, as in PyTorch.
        Tensor<double> sum = (a + b).Sum();
        b *= 2.0;
        sum.Backward();
        Assert.Equal([1.0, 1.0], a.Grad!.ToArray());

        Tensor<double> viaData = (a * a).Sum();
        Tensor<double> data = a.Data;
        data *= 1.0;
        viaData.Backward();
        Assert.Equal(0, a.Version);

        Tensor<double> viaDetach = (a * a).Sum();
        Tensor<double> detached = a.Detach();
        detached *= 1.0;
        Assert.Equal(1, a.Version);
        Assert.Throws<InvalidOperationException>(() => viaDetach.Backward());
    }

    [Fact]
    public void A_shape_too_large_for_one_array_names_the_shape_and_the_count()
    {
        ArgumentOutOfRangeException zeros = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros<float>(50000, 50000));
        Assert.Contains("[50000, 50000]", zeros.Message, StringComparison.Ordinal);
        Assert.Contains("2,500,000,000 elements", zeros.Message, StringComparison.Ordinal);

        Tensor<float> column = Tensor.Zeros<float>(50000, 1), row = Tensor.Zeros<float>(1, 50000);
        ArgumentOutOfRangeException broadcast = Assert.Throws<ArgumentOutOfRangeException>(() => column + row);
        Assert.Contains("[50000, 50000]", broadcast.Message, StringComparison.Ordinal);

        Assert.Equal(0, Tensor.Zeros<float>(3_000_000, 3_000_000, 0).Numel);
    }

    [Fact]
    public void A_shape_larger_than_the_memory_names_the_shape_the_count_and_the_bytes()
    {
        InsufficientMemoryException e = Assert.Throws<InsufficientMemoryException>(
            () => TensorStorage.EnsureFits<double>(new TensorShape(20000, 20000), 1L << 30));

        Assert.Contains("Double tensor of shape [20000, 20000] has 400,000,000 elements (3.0 GiB)", e.Message, StringComparison.Ordinal);
        Assert.Contains("1.0 GiB", e.Message, StringComparison.Ordinal);
        TensorStorage.EnsureFits<double>(new TensorShape(1000), 8000);
    }

    [Fact]
    public void Gradients_stay_the_same_over_repeated_passes_that_reuse_pooled_buffers()
    {
        // Large enough for the SIMD paths and pooled buffers; every pass must give the first pass's bits.
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(11), 5000);
        Tensor<double> data = Tensor.FromRows<double>(xs, ys).T();
        double[]? first = null;
        for (int pass = 0; pass < 5; pass++)
        {
            Tensor<double> pnt = Leaf(0.3, 0.3);
            Tensor<double> diff = data - pnt;
            Tensor<double> loss = (diff.Pow(2).Sum(dim: 1).Sqrt().Mean() + (diff * diff).Mean() + diff.Sum(0).Exp().Sum()) / 3.0;
            loss.Backward();
            double[] grad = [loss.Item(), .. pnt.Grad!.ToArray()];
            first ??= grad;
            Assert.Equal(first, grad);
        }
    }

    [Fact]
    public void A_tensor_used_by_several_consumers_sums_their_broadcast_gradients()
    {
        Tensor<double> x = Leaf2([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 2, 3);

        // x reaches the loss through a row sum, a column mean, a total and itself: four gradient layouts.
        Tensor<double> loss = x.Sum(1).Sum() + x.Mean(0).Pow(2).Sum() + x.Mean() + (x * x).Sum();
        loss.Backward();

        double[] values = x.ToArray();
        for (int i = 0; i < 6; i++)
        {
            double columnMean = (values[i % 3] + values[3 + (i % 3)]) / 2;
            double expected = 1 + (2 * columnMean / 2) + (1.0 / 6) + (2 * values[i]);
            Assert.Equal(expected, x.Grad![i], 1e-14);
        }
    }

    private static Tensor<double> Leaf(params double[] values)
    {
        Tensor<double> t = Tensor.From(values);
        t.RequiresGrad = true;
        return t;
    }

    private static Tensor<double> Leaf2(double[] values, int rows, int cols)
    {
        var grid = new double[rows, cols];
        for (int i = 0; i < values.Length; i++)
        {
            grid[i / cols, i % cols] = values[i];
        }

        Tensor<double> t = Tensor.From(grid);
        t.RequiresGrad = true;
        return t;
    }
}
