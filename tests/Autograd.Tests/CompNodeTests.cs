
namespace Autograd.Tests;

public class CompNodeTests
{
    [Fact]
    public void A_node_used_twice_gets_both_contributions()
    {
        CompNode a = new(3);
        CompNode b = a + a;
        CompNode c = b * b;

        c.Backward();

        Assert.Equal(36, c.Val);
        Assert.Equal(12, b.Grad);
        Assert.Equal(24, a.Grad);
    }

    [Fact]
    public void Backward_twice_accumulates_into_leaves_like_pytorch_until_zero_grad()
    {
        CompNode x = new(2), y = new(5);
        CompNode f = (x * y) + x.Pow(2);

        f.Backward();
        Assert.Equal(9, x.Grad);
        Assert.Equal(2, y.Grad);

        f.Backward();
        Assert.Equal(18, x.Grad);
        Assert.Equal(4, y.Grad);
        Assert.Equal(1, f.Grad);

        f.ZeroGrad();
        Assert.All(f.TopoSort(), n => Assert.Equal(0, n.Grad));
        f.Backward();
        Assert.Equal(9, x.Grad);
        Assert.Equal(2, y.Grad);
    }

    [Fact]
    public void Val_is_settable_for_a_descent_step_and_a_rebuilt_graph_sees_it()
    {
        CompNode x = new(3);
        x.Pow(2).Backward();
        x.Val -= 0.25 * x.Grad;
        x.Grad = 0;

        CompNode f = x.Pow(2);
        f.Backward();

        Assert.Equal(1.5, x.Val);
        Assert.Equal(3, x.Grad);
    }

    [Fact]
    public void A_chain_of_ten_million_nodes_sorts_and_backpropagates_without_recursion()
    {
        CompNode x = new(0.5);
        CompNode node = x;
        for (int i = 0; i < 10_000_000 - 1; i++)
        {
            node = node.Relu();
        }

        node.Backward();

        Assert.Equal(1, x.Grad);
        Assert.Equal(0.5, node.Val);
    }

    [Fact]
    public void A_deep_graph_with_constants_and_sharing_backpropagates()
    {
        CompNode x = new(1.0);
        CompNode node = x;
        for (int i = 0; i < 1_000_000; i++)
        {
            node = (node + 1.0) - x;
        }

        List<CompNode> order = node.TopoSort();
        node.Backward();

        Assert.Equal(1 + (3 * 1_000_000), order.Count);
        Assert.Same(x, order[0]);
        Assert.Equal(1.0, node.Val);
        Assert.Equal(1 - 1_000_000, x.Grad);
    }

    [Fact]
    public void Topological_sort_equals_the_lecture_recursive_sort_on_a_shared_graph()
    {
        CompNode a = new(1.5), b = new(-0.5);
        CompNode c = (a * b) + a.Exp();
        CompNode d = c.Tanh() - (c / b);
        CompNode e = (d * a) + OpTable.Cube(c);

        Assert.Equal(LectureFidelityTests.RecursiveTopoSort(e), e.TopoSort());
    }

    [Fact]
    public void Children_and_op_name_the_operands_in_order()
    {
        CompNode x = new(2);
        CompNode y = 3 - x;
        CompNode p = x.Pow(0.5);
        CompNode n = -x;
        CompNode q = x / 4.0;

        Assert.Equal("sub", y.Op);
        Assert.Equal(3, y.Children[0].Val);
        Assert.Same(x, y.Children[1]);
        Assert.Equal("power 0.5", p.Op);
        Assert.Same(x, Assert.Single(p.Children));
        Assert.Equal("mult", n.Op);
        Assert.Equal(-1, n.Children[1].Val);
        Assert.Equal("mult", q.Op);
        Assert.Equal("power -1", q.Children[1].Op);
        Assert.Empty(x.Children);
        Assert.True(x.IsLeaf);
        Assert.Equal("assign", x.Op);
    }

    [Fact]
    public void Implicit_conversion_makes_a_leaf()
    {
        CompNode c = 4.5;

        Assert.Equal(4.5, c.Val);
        Assert.Equal("assign", c.Op);
    }

    [Fact]
    public void Equality_is_identity_and_value_comparison_has_its_own_name()
    {
        CompNode a = new(25), b = new CompNode(5).Pow(2);

        Assert.True(a.ValueEquals(b));
        Assert.False(a.Equals(b));
        Assert.True(a.Equals(a));
        var set = new HashSet<CompNode> { a, b, new(25) };
        Assert.Equal(3, set.Count);
    }

    [Fact]
    public void ToString_prints_like_the_lecture_repr()
    {
        CompNode x = new(-0.00001);
        CompNode nan = new(double.NaN);

        Assert.Equal("op: assign | val: -0.0000 | children: 0 | grad: 0", x.ToString());
        Assert.Equal("op: assign | val:  nan | children: 0 | grad: 0", nan.ToString());
        x.Grad = 1e-5;
        Assert.Equal("op: assign | val: -0.0000 | children: 0 | grad: 1e-05", x.ToString());
        Assert.Equal("op: power 2 | val:  4.0000 | children: 1 | grad: 0", new CompNode(2).Pow(2).ToString());
    }

    [Fact]
    public void Custom_op_in_closure_style_backpropagates_and_prints_its_name()
    {
        CompNode x = new(2);
        CompNode y = OpTable.Cube(x) * 2;

        y.Backward();

        Assert.Equal(16, y.Val);
        Assert.Equal(24, x.Grad);
        Assert.Equal("cube", y.Children[0].Op);
        Assert.Same(x, Assert.Single(y.Children[0].Children));
    }

    [Fact]
    public void Custom_op_rejects_null_pieces()
    {
        CompNode x = new(1);

        Assert.Throws<ArgumentNullException>(() => CompNode.Custom(1, null!, [x], _ => { }));
        Assert.Throws<ArgumentNullException>(() => CompNode.Custom(1, "f", [x], null!));
        ArgumentException e = Assert.Throws<ArgumentException>(() => CompNode.Custom(1, "f", [x, null!], _ => { }));
        Assert.Contains("Child 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Operators_reject_null_operands_with_the_operand_name()
    {
        CompNode x = new(1);
        CompNode? missing = null;

        ArgumentNullException e = Assert.Throws<ArgumentNullException>(() => x + missing!);
        Assert.Equal("b", e.ParamName);
        Assert.Throws<ArgumentNullException>(() => missing! * x);
    }

    [Fact]
    public void Ieee_edge_cases_are_values_not_exceptions()
    {
        Assert.True(double.IsNaN(new CompNode(-8).Pow(0.5).Val));
        Assert.Equal(double.NegativeInfinity, new CompNode(0).Log().Val);
        Assert.True(double.IsNaN(new CompNode(-1).Log().Val));
        Assert.Equal(double.PositiveInfinity, new CompNode(0).Pow(-0.5).Val);
        Assert.Equal(-8, new CompNode(-2).Pow(3).Val);

        CompNode x = new(double.NaN);
        CompNode f = (x * 2) + 1;
        f.Backward();
        Assert.True(double.IsNaN(f.Val));
        Assert.Equal(2, x.Grad);

        CompNode z = new(0);
        z.Pow(0.5).Backward();
        Assert.Equal(double.PositiveInfinity, z.Grad);
    }
}
