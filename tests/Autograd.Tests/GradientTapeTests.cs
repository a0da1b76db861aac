using CsCheck;

namespace Autograd.Tests;

/// <summary>The tape engine against <see cref="CompNode"/>: equal on the lecture's graphs, within 1e-12 elsewhere.</summary>
public class GradientTapeTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void The_lecture_loss_and_gradient_equal_CompNode_bit_for_bit()
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(5), 100);
        CompNode cx = new(0.3), cy = new(0.3);
        CompNode reference = DistanceLoss.Graph(cx, cy, xs, ys);
        reference.Backward();

        using var tape = new GradientTape();
        TapeNode tx = tape.Variable(0.3), ty = tape.Variable(0.3);
        TapeNode loss = DistanceLoss.Graph(tx, ty, xs, ys);
        loss.Backward();

        Assert.Equal(0.5031831004924388, loss.Val);
        Assert.Equal(reference.Val, loss.Val);
        Assert.Equal(-0.28245211967555384, tx.Grad);
        Assert.Equal(-0.5339538940488842, ty.Grad);
        Assert.Equal(cx.Grad, tx.Grad);
        Assert.Equal(cy.Grad, ty.Grad);
        Assert.Equal((7 * 100) + 4, tape.Count);
    }

    [Theory]
    [InlineData(5, 100)]
    [InlineData(17, 1000)]
    [InlineData(3, 7)]
    public void A_hundred_training_iterations_on_a_reused_tape_equal_CompNode_bit_for_bit(int seed, int points)
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(seed), points);
        IReadOnlyList<DescentStep> reference = GradientDescent.Run(xs, ys, 0.3, 0.3, 0.1, 99);

        using var tape = new GradientTape();
        double px = 0.3, py = 0.3;
        for (int step = 0; step < 100; step++)
        {
            tape.Reset();
            TapeNode x = tape.Variable(px), y = tape.Variable(py);
            TapeNode loss = DistanceLoss.Graph(x, y, xs, ys);
            loss.Backward();
            DescentStep expected = reference[step];
            Assert.True(
                expected.X == px && expected.Y == py && expected.Loss == loss.Val && expected.GradX == x.Grad && expected.GradY == y.Grad,
                $"step {step}: tape ({px:R}, {py:R}) loss {loss.Val:R} grad ({x.Grad:R}, {y.Grad:R}); CompNode {expected}");
            px -= 0.1 * x.Grad;
            py -= 0.1 * y.Grad;
        }
    }

    [Fact]
    public void The_reused_tape_training_loop_allocates_nothing_after_warm_up()
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(5), 10_000);
        using var tape = new GradientTape();
        double px = 0.3, py = 0.3;
        void Iteration()
        {
            tape.Reset();
            TapeNode x = tape.Variable(px), y = tape.Variable(py);
            TapeNode loss = DistanceLoss.Graph(x, y, xs, ys);
            loss.Backward();
            px -= 0.1 * x.Grad;
            py -= 0.1 * y.Grad;
        }

        for (int i = 0; i < 3; i++)
        {
            Iteration();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            Iteration();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(px != 0.3 && py != 0.3);
    }

    [Theory]
    [MemberData(nameof(OpTable.Cases), MemberType = typeof(OpTable))]
    public void Each_op_matches_CompNode_in_value_and_gradient(OpCase op)
    {
        Assert.NotNull(op.OnTape);
        var rng = new PyRandom(op.Name.Length + 100);
        using var tape = new GradientTape();
        for (int trial = 0; trial < 20; trial++)
        {
            double[] inputs = [.. Enumerable.Range(0, op.Arity).Select(_ => rng.Uniform(op.Min, op.Max))];
            CompNode[] nodes = [.. inputs.Select(v => new CompNode(v))];
            CompNode expected = op.Scalar(nodes);
            expected.Backward();

            tape.Reset();
            TapeNode[] handles = [.. inputs.Select(tape.Variable)];
            TapeNode actual = op.OnTape!(handles);
            actual.Backward();

            Assert.Equal(expected.Val, actual.Val);
            Assert.Equal(expected.Op, actual.Op);
            for (int i = 0; i < inputs.Length; i++)
            {
                AssertClose(nodes[i].Grad, handles[i].Grad, $"{op.Name} d/dx{i} at [{string.Join(", ", inputs)}]");
            }
        }
    }

    [Fact]
    public void Random_graphs_match_CompNode_within_1e_12()
    {
        Gen<(double[] Leaves, int[] Program)> gen =
            Gen.Select(Gen.Double[0.3, 2.0].Array[2, 4], Gen.Int[0, int.MaxValue].Array[3, 40]);
        using var tape = new GradientTape();

        gen.Sample(
            sample =>
            {
                CompNode[] nodes = [.. sample.Leaves.Select(v => new CompNode(v))];
                CompNode expected = RandomGraph.Build(sample.Leaves, sample.Program)(nodes);
                expected.Backward();

                tape.Reset();
                TapeNode[] handles = [.. sample.Leaves.Select(tape.Variable)];
                TapeNode actual = RandomGraph.BuildOnTape(sample.Leaves, sample.Program)(handles);
                actual.Backward();

                return expected.Val == actual.Val
                    && nodes.Zip(handles).All(p => RelativeError(p.First.Grad, p.Second.Grad) <= Tolerance);
            },
            iter: 1000,
            threads: 1);
    }

    [Fact]
    public void Fan_in_sums_may_round_differently_but_stay_within_1e_12()
    {
        // x feeds three products; the tape adds their contributions last-recorded first, the
        // depth-first order of CompNode adds them in another order.
        CompNode cx = new(0.1);
        CompNode c = ((cx * 3.3) + (cx.Pow(2) * 1.7)) + (cx.Exp() * 0.7) + cx.Tanh();
        c.Backward();

        using var tape = new GradientTape();
        TapeNode tx = tape.Variable(0.1);
        TapeNode t = ((tx * 3.3) + (tx.Pow(2) * 1.7)) + (tx.Exp() * 0.7) + tx.Tanh();
        t.Backward();

        Assert.Equal(c.Val, t.Val);
        AssertClose(cx.Grad, tx.Grad, "fan-in gradient");
    }

    [Fact]
    public void Custom_operations_back_propagate_through_their_closure()
    {
        using var tape = new GradientTape();
        TapeNode x = tape.Variable(2.0);
        TapeNode y = OpTable.Cube(x) * 2.0;
        y.Backward();

        Assert.Equal("cube", OpTable.Cube(x).Op);
        Assert.Equal(16.0, y.Val);
        Assert.Equal(24.0, x.Grad);
    }

    [Fact]
    public void Variables_accumulate_across_backward_calls_and_interior_nodes_do_not()
    {
        using var tape = new GradientTape();
        TapeNode x = tape.Variable(3.0);
        TapeNode square = x * x;
        TapeNode y = square + 1.0;
        y.Backward();
        y.Backward();

        Assert.Equal(12.0, x.Grad);
        Assert.Equal(1.0, square.Grad);
    }

    [Fact]
    public void Operations_the_output_does_not_depend_on_are_skipped()
    {
        // log(0) = -inf is recorded but unused: its chain-rule step (0 * inf = NaN) must not run.
        using var tape = new GradientTape();
        TapeNode x = tape.Variable(0.0);
        _ = x.Log();
        TapeNode y = x * 2.0;
        y.Backward();

        Assert.Equal(2.0, x.Grad);
    }

    [Fact]
    public void A_handle_used_after_reset_names_the_reset()
    {
        using var tape = new GradientTape();
        TapeNode old = tape.Variable(1.0);
        tape.Reset();
        TapeNode fresh = tape.Variable(2.0);

        var error = Assert.Throws<InvalidOperationException>(() => old + fresh);
        Assert.Contains("left operand was recorded before its GradientTape was reset", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => old.Val);
        Assert.Throws<InvalidOperationException>(() => fresh * old);
        Assert.Throws<InvalidOperationException>(old.Backward);
        Assert.Contains("reset", Assert.Throws<InvalidOperationException>(() => tape.Custom(1, "f", [old], _ => { })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Handles_of_two_tapes_cannot_be_combined()
    {
        using var first = new GradientTape();
        using var second = new GradientTape();
        TapeNode a = first.Variable(1.0), b = second.Variable(2.0);

        var error = Assert.Throws<InvalidOperationException>(() => a * b);
        Assert.Contains("different GradientTapes", error.Message, StringComparison.Ordinal);
        Assert.Contains("another GradientTape", Assert.Throws<InvalidOperationException>(() => first.Custom(1, "f", [b], _ => { })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_handle_of_a_disposed_tape_says_so()
    {
        var tape = new GradientTape();
        TapeNode x = tape.Variable(1.0);
        tape.Dispose();

        Assert.Contains("disposed", Assert.Throws<InvalidOperationException>(() => x.Grad).Message, StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(() => tape.Variable(1.0));
        Assert.Contains("default value", Assert.Throws<InvalidOperationException>(() => default(TapeNode).Val).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_handle_stays_stale_when_the_recording_number_wraps_around()
    {
        using var tape = new GradientTape();
        tape.SetStampForTesting(int.MaxValue - 1);
        TapeNode beforeWrap = tape.Variable(1.0);
        tape.Reset(); // stamp int.MaxValue
        TapeNode atMax = tape.Variable(2.0);
        tape.Reset(); // the storage is retired; numbering starts again at 0 on a new one
        TapeNode afterWrap = tape.Variable(3.0);
        for (int i = 0; i < 3; i++)
        {
            tape.Reset();
        }

        TapeNode later = tape.Variable(4.0);

        Assert.Throws<InvalidOperationException>(() => beforeWrap.Val);
        Assert.Throws<InvalidOperationException>(() => atMax.Val);
        Assert.Throws<InvalidOperationException>(() => afterWrap.Val);
        Assert.Equal(4.0, later.Val);
        TapeNode y = later * later;
        y.Backward();
        Assert.Equal(8.0, later.Grad);
    }

    [Fact]
    public void A_million_operation_chain_back_propagates_without_recursion()
    {
        using var tape = new GradientTape();
        TapeNode x = tape.Variable(1.0);
        TapeNode y = x;
        for (int i = 0; i < 1_000_000; i++)
        {
            y = y * 1.0;
        }

        y.Backward();

        Assert.Equal(1.0, x.Grad);
        Assert.Equal(1_000_001, tape.Count);
    }

    [Fact]
    public void Printing_matches_CompNode()
    {
        using var tape = new GradientTape();
        TapeNode x = tape.Variable(0.3);
        TapeNode p = (x - 0.8).Pow(2).Pow(0.5);
        p.Backward();
        CompNode cx = new(0.3);
        CompNode c = (cx - 0.8).Pow(2).Pow(0.5);
        c.Backward();

        Assert.Equal(c.ToString().Replace(" | children: 1", "", StringComparison.Ordinal), p.ToString());
        Assert.Equal("power 0.5", p.Op);
    }

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(RelativeError(expected, actual) <= Tolerance, $"{what}: CompNode {expected:R}, tape {actual:R}");

    private static double RelativeError(double a, double b) =>
        a == b ? 0 : Math.Abs(a - b) / Math.Max(Math.Abs(a), Math.Abs(b));
}
