namespace Autograd.Tests;

/// <summary>
/// The sort flags a node while it walks and clears every flag before it returns, so no mark can go
/// stale: not after many sorts, not after a sort that failed midway.
/// </summary>
public class TopoSortMarkTests
{
    private static (CompNode Root, CompNode X, CompNode Y) Lecture()
    {
        CompNode x = new(0.3), y = new(0.3);
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(5), 20);
        return (DistanceLoss.Graph(x, y, xs, ys), x, y);
    }

    [Fact]
    public void A_sort_that_fails_midway_leaves_no_node_marked()
    {
        (CompNode root, CompNode x, CompNode y) = Lecture();
        int full = root.TopoSort().Count;
        for (int failAt = 1; failAt < full; failAt += 7)
        {
            int stopAt = failAt;
            CompNode.SetSortHookForTesting(flagged =>
            {
                if (flagged >= stopAt)
                {
                    throw new InsufficientExecutionStackException("forced failure");
                }
            });
            try
            {
                Assert.Throws<InsufficientExecutionStackException>(root.Backward);
            }
            finally
            {
                CompNode.SetSortHookForTesting(null);
            }

            Assert.Equal(full, root.TopoSort().Count);
        }

        x.Grad = 0;
        y.Grad = 0;
        root.Backward();
        CompNode fx = new(0.3), fy = new(0.3);
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(5), 20);
        DistanceLoss.Graph(fx, fy, xs, ys).Backward();
        Assert.Equal(fx.Grad, x.Grad);
        Assert.Equal(fy.Grad, y.Grad);
    }

    [Fact]
    public void A_backward_pass_that_fails_midway_leaves_no_node_marked()
    {
        CompNode x = new(2);
        bool fail = true;
        CompNode Boom(CompNode input) => CompNode.Custom(input.Val, "boom", [input], o =>
        {
            if (fail)
            {
                throw new ArithmeticException("forced failure");
            }

            input.Grad += o.Grad;
        });
        CompNode root = (Boom(x * x) + x).Pow(2);
        int full = root.TopoSort().Count;

        Assert.Throws<ArithmeticException>(root.Backward);

        Assert.Equal(full, root.TopoSort().Count);
        fail = false;
        x.Grad = 0;
        root.Backward();
        Assert.Equal(2 * 6.0 * 5.0, x.Grad);
    }

    [Fact]
    public void Sorting_a_subgraph_first_does_not_hide_its_nodes_from_the_whole_graph()
    {
        CompNode a = new(2), b = new(3);
        CompNode shared = a * b;
        CompNode root = (shared + a).Pow(2) + shared;

        Assert.Equal(3, shared.TopoSort().Count);
        Assert.Equal(6, root.TopoSort().Count);
        Assert.Equal(3, shared.TopoSort().Count);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(6, root.TopoSort().Count);
        }
    }

    [Fact]
    public void A_label_names_a_node_and_changes_nothing_else()
    {
        CompNode x = new(0.3, "x_p");
        CompNode y = x.Pow(2);
        y.Label = "g";

        Assert.Equal("x_p", x.Label);
        Assert.Equal("g", y.Label);
        Assert.Null(new CompNode(0.3).Label);
        Assert.Equal(0.3, x.Val);
        y.Label = null;
        Assert.Null(y.Label);
    }
}
