namespace Autograd.Tests;

public class TensorTests
{
    /// <summary>Broadcasting shapes for the binary rows: the second operand is a row vector or a column.</summary>
    public static TheoryData<OpCase, int[], int[]> TensorCasesWithShapes()
    {
        var data = new TheoryData<OpCase, int[], int[]>();
        foreach (OpCase op in OpTable.All.Where(o => o.Tensor is not null))
        {
            data.Add(op, [3, 2], [2]);
            if (op.Arity == 2)
            {
                data.Add(op, [3, 1], [1, 4]);
                data.Add(op, [], [2, 3]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TensorCasesWithShapes))]
    public void Each_op_gradient_with_broadcasting_matches_central_differences(OpCase op, int[] shapeA, int[] shapeB)
    {
        var rng = new PyRandom(op.Name.Length + shapeA.Length);
        int[][] shapes = op.Arity == 1 ? [shapeA] : [shapeA, shapeB];
        double[][] inputs = [.. shapes.Select(s => Enumerable.Range(0, new TensorShape(s).Numel).Select(_ => rng.Uniform(op.Min, op.Max)).ToArray())];

        Tensor<double>[] leaves = [.. inputs.Select((v, i) => Leaf(v, shapes[i]))];
        Tensor<double> output = op.Tensor!(leaves);
        output.Sum().Backward();

        for (int k = 0; k < inputs.Length; k++)
        {
            Assert.Equal(new TensorShape(shapes[k]), leaves[k].Grad!.Shape);
            for (int i = 0; i < inputs[k].Length; i++)
            {
                double numerical = Numerical(op, inputs, shapes, k, i);
                Assert.True(
                    GradCheck.RelativeError(leaves[k].Grad![i], numerical) < 1e-6,
                    $"{op.Name} input {k} element {i}: {leaves[k].Grad![i]} vs {numerical}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(OpTable.TensorCases), MemberType = typeof(OpTable))]
    public void Each_op_agrees_with_the_scalar_engine_element_by_element(OpCase op)
    {
        var rng = new PyRandom(7 + op.Name.Length);
        double[][] inputs = [.. Enumerable.Range(0, op.Arity).Select(_ => Enumerable.Range(0, 5).Select(_ => rng.Uniform(op.Min, op.Max)).ToArray())];
        Tensor<double>[] leaves = [.. inputs.Select(v => Leaf(v, [v.Length]))];
        Tensor<double> output = op.Tensor!(leaves);
        output.Sum().Backward();

        for (int i = 0; i < 5; i++)
        {
            CompNode[] nodes = [.. inputs.Select(v => new CompNode(v[i]))];
            CompNode y = op.Scalar(nodes);
            y.Backward();
            Assert.Equal(y.Val, output[i], 1e-15);
            for (int k = 0; k < nodes.Length; k++)
            {
                Assert.Equal(nodes[k].Grad, leaves[k].Grad![i], 1e-13);
            }
        }
    }

    [Fact]
    public void The_lecture_loss_over_100_points_in_double_equals_the_scalar_engine()
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(5), 100);
        Tensor<double> data = Tensor.FromRows<double>(xs, ys).T();
        Tensor<double> pnt = Tensor.From(0.3, 0.3);
        pnt.RequiresGrad = true;

        Tensor<double> loss = (data - pnt).Pow(2).Sum(dim: 1).Sqrt().Mean();
        loss.Backward();

        CompNode xp = new(0.3), yp = new(0.3);
        CompNode graph = DistanceLoss.Graph(xp, yp, xs, ys);
        graph.Backward();
        Assert.Equal(graph.Val, loss.Item(), 1e-12);
        Assert.Equal(xp.Grad, pnt.Grad![0], 1e-12);
        Assert.Equal(yp.Grad, pnt.Grad![1], 1e-12);
        Assert.Equal(0.5031831004924388, loss.Item(), 1e-15);
    }

    [Fact]
    public void Shared_gradients_are_not_corrupted_when_a_tensor_is_used_twice()
    {
        Tensor<double> a = Leaf([1, 2], [2]);
        Tensor<double> b = Leaf([3, 4], [2]);
        Tensor<double> c = a + b;

        ((c * a) + c).Sum().Backward();

        // d/da = c + a + 1 = 2a + b + 1; d/db = a + 1.
        Assert.Equal([6.0, 9.0], a.Grad!.ToArray());
        Assert.Equal([2.0, 3.0], b.Grad!.ToArray());
        a.Grad.Zero_();
        Assert.Equal([2.0, 3.0], b.Grad.ToArray());
    }

    [Fact]
    public void Reductions_along_a_dimension_and_their_gradients()
    {
        Tensor<double> x = Leaf([1, 2, 3, 4, 5, 6], [2, 3]);

        Tensor<double> s0 = x.Sum(0), s1 = x.Sum(dim: -1), m1 = x.Mean(1);

        Assert.Equal(new TensorShape(3), s0.Shape);
        Assert.Equal([5.0, 7.0, 9.0], s0.ToArray());
        Assert.Equal([6.0, 15.0], s1.ToArray());
        Assert.Equal([2.0, 5.0], m1.ToArray());
        Assert.Equal(3.5, x.Mean().Item());
        (m1 * Tensor.From(1.0, 10.0)).Sum().Backward();
        Assert.Equal([1 / 3.0, 1 / 3.0, 1 / 3.0, 10 / 3.0, 10 / 3.0, 10 / 3.0], x.Grad!.ToArray());
    }

    [Fact]
    public void Transpose_and_its_gradient()
    {
        Tensor<double> x = Leaf([1, 2, 3, 4, 5, 6], [2, 3]);

        Tensor<double> t = x.T();
        (t * Tensor.From(1.0, 2.0)).Sum().Backward();

        Assert.Equal(new TensorShape(3, 2), t.Shape);
        Assert.Equal([1.0, 4.0, 2.0, 5.0, 3.0, 6.0], t.ToArray());
        Assert.Equal([1.0, 1.0, 1.0, 2.0, 2.0, 2.0], x.Grad!.ToArray());
    }

    [Fact]
    public void Grad_is_null_until_a_backward_reaches_it_and_accumulates_after()
    {
        Tensor<double> x = Leaf([2], [1]);
        Assert.Null(x.Grad);

        x.Pow(2).Sum().Backward();
        x.Pow(2).Sum().Backward();

        Assert.Equal([8.0], x.Grad!.ToArray());
    }

    [Fact]
    public void Printing_follows_pytorch()
    {
        Assert.Equal("tensor([0.3000, 0.3000], requires_grad=True)", Req(Tensor.From(0.3f, 0.3f)).ToString());
        Assert.Equal("tensor([ 0.2053, -0.9787])", Tensor.From(0.2053f, -0.9787f).ToString());
        Assert.Equal("tensor([1., 2., 3.])", Tensor.From(1f, 2f, 3f).ToString());
        Assert.Equal("tensor([1.0000e-05, 1.0000e+00])", Tensor.From(1e-5f, 1f).ToString());
        Assert.Equal("tensor([[1., 2.],\n        [3., 4.]])", Tensor.From(new float[,] { { 1, 2 }, { 3, 4 } }).ToString());
        Assert.Equal("tensor([0.5000, 1.5000], dtype=torch.float64)", Tensor.From(0.5, 1.5).ToString());
        Assert.Equal("tensor(2.5000, grad_fn=<SumBackward0>)", Req(Tensor.From(1f, 1.5f)).Sum().ToString());
        Assert.Equal("tensor([nan, 1.])", Tensor.From(float.NaN, 1f).ToString());
        Assert.Equal("tensor([1000., 1001., 1002.,  ..., 2997., 2998., 2999.])", Tensor.From(Enumerable.Range(1000, 2000).Select(i => (float)i).ToArray()).ToString());
        Assert.Equal("tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03, 1.9990e+03])", Tensor.From(Enumerable.Range(0, 2000).Select(i => (float)i).ToArray()).ToString());
        Assert.Equal("torch.Size([1, 2])", Tensor.Zeros<float>(1, 2).Shape.ToString());
        Tensor<float> loss = Req(Tensor.From(0.25f)).Sum();
        Assert.Equal("0.25", $"{loss}");
    }

    [Fact]
    public void Shapes_that_cannot_broadcast_name_both_shapes()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => Tensor.Zeros<float>(3, 2) + Tensor.Zeros<float>(3));

        Assert.Contains("[3, 2]", e.Message, StringComparison.Ordinal);
        Assert.Contains("[3]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backward_on_a_non_scalar_without_a_gradient_is_an_error()
    {
        Tensor<float> x = Req(Tensor.From(1f, 2f));

        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => (x * 2).Backward());

        Assert.Contains("scalar outputs", e.Message, StringComparison.Ordinal);
        (x * 2).Backward(Tensor.From(1f, 1f));
        Assert.Equal([2f, 2f], x.Grad!.ToArray());
    }

    [Fact]
    public void Backward_on_a_tensor_that_records_nothing_is_an_error()
    {
        Assert.Throws<InvalidOperationException>(() => Tensor.From(1f).Sum().Backward());
    }

    [Fact]
    public void Reducing_a_dimension_that_does_not_exist_is_an_error()
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros<float>(2, 3).Sum(2));

        Assert.Contains("[-2, 1]", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros<float>(2, 3).Mean(-3));
    }

    [Fact]
    public void In_place_update_of_a_leaf_that_requires_grad_needs_no_grad()
    {
        Tensor<float> x = Req(Tensor.From(1f, 2f));

        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => x -= Tensor.From(1f, 1f));
        Assert.Contains("NoGrad", e.Message, StringComparison.Ordinal);

        using (Tensor.NoGrad())
        {
            x -= Tensor.From(1f, 1f);
            Tensor<float> y = x * 2;
            Assert.False(y.RequiresGrad);
        }

        Assert.Equal([0f, 1f], x.ToArray());
        Assert.True(Tensor.IsGradEnabled);
        Assert.True((x * 2).RequiresGrad);
    }

    [Fact]
    public void Nan_propagates_through_values_and_gradients()
    {
        Tensor<double> x = Leaf([double.NaN, 4], [2]);

        Tensor<double> y = x.Sqrt().Sum();
        y.Backward();

        Assert.True(double.IsNaN(y.Item()));
        Assert.True(double.IsNaN(x.Grad![0]));
        Assert.Equal(0.25, x.Grad![1]);
    }

    [Fact]
    public void Rows_of_different_lengths_are_rejected()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => Tensor.FromRows<float>([1.0, 2.0], [3.0]));

        Assert.Contains("Row 1 has 1", e.Message, StringComparison.Ordinal);
    }

    private static Tensor<T> Req<T>(Tensor<T> t)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        t.RequiresGrad = true;
        return t;
    }

    private static Tensor<double> Leaf(double[] values, int[] shape)
    {
        Tensor<double> t = Tensor.From(values);
        if (shape.Length != 1 || shape[0] != values.Length)
        {
            var s = new TensorShape(shape);
            t = Tensor.Zeros<double>(shape);
            using (Tensor.NoGrad())
            {
                t += Reshape(values, s);
            }
        }

        t.RequiresGrad = true;
        return t;
    }

    private static Tensor<double> Reshape(double[] values, TensorShape shape)
    {
        if (shape.Count == 0)
        {
            return Tensor.Scalar(values[0]);
        }

        if (shape.Count == 1)
        {
            return Tensor.From(values);
        }

        var grid = new double[shape[0], shape[1]];
        for (int r = 0; r < shape[0]; r++)
        {
            for (int c = 0; c < shape[1]; c++)
            {
                grid[r, c] = values[(r * shape[1]) + c];
            }
        }

        return Tensor.From(grid);
    }

    private static double Numerical(OpCase op, double[][] inputs, int[][] shapes, int k, int i)
    {
        double Eval(double delta)
        {
            double[][] shifted = [.. inputs.Select(v => v.ToArray())];
            shifted[k][i] += delta;
            using (Tensor.NoGrad())
            {
                return op.Tensor!([.. shifted.Select((v, j) => Leaf(v, shapes[j]))]).Sum().Item();
            }
        }

        double h = 1e-6 * Math.Max(1, Math.Abs(inputs[k][i]));
        return (Eval(h) - Eval(-h)) / (2 * h);
    }
}
