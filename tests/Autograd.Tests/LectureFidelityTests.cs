
namespace Autograd.Tests;

/// <summary>
/// The lecture's printed numbers, reproduced exactly. The notebook draws from one seeded generator
/// in order: 100 points for the closed form, 1 for the PyTorch cell, 1 for the manual traversal,
/// then 100 for the automatic backward.
/// </summary>
public class LectureFidelityTests
{
    private const int Seed = 5;

    [Fact]
    public void Closed_form_cell_prints_the_lecture_numbers()
    {
        var rng = new PyRandom(Seed);
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(rng, 100);

        (double gradX, double gradY) = DistanceLoss.Gradient(0.3, 0.3, xs, ys);
        double loss = DistanceLoss.Loss(0.3, 0.3, xs, ys);

        Assert.Equal(-0.28245211967555384, gradX);
        Assert.Equal(-0.5339538940488842, gradY);
        Assert.Equal(0.5031831004924388, loss);
    }

    [Fact]
    public void Manual_traversal_cell_prints_the_lecture_lines()
    {
        var rng = new PyRandom(Seed);
        Skip(rng, 202);
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(rng, 1);
        Assert.Equal(0.6308651620035047, xs[0]);
        Assert.Equal(0.04186170538118772, ys[0]);

        CompNode xp = new(0.3), yp = new(0.3);
        CompNode ix = xp - xs[0], iy = yp - ys[0];
        CompNode gx = ix.Pow(2), gy = iy.Pow(2);
        CompNode m = gx + gy;
        CompNode l = m.Pow(0.5);
        CompNode[] revTopoOrder = [l, m, gx, gy, ix, iy, xp, yp];
        revTopoOrder[0].Grad = 1;

        var printed = new List<string>();
        for (int i = 0; i < revTopoOrder.Length; i++)
        {
            revTopoOrder[i].BackwardProp();
            printed.Add($"{i} {revTopoOrder[i]}");
        }

        Assert.Equal(LectureLines.ManualTraversal, printed);
        Assert.Equal(1.1914656577245382, m.Grad);
        Assert.Equal(-0.7884289557292833, xp.Grad);
        Assert.Equal(0.6151258259637875, yp.Grad);
    }

    [Fact]
    public void Manual_order_is_a_reverse_topological_order_of_the_graph()
    {
        CompNode xp = new(0.3), yp = new(0.3);
        CompNode ix = xp - 0.6308651620035047, iy = yp - 0.04186170538118772;
        CompNode gx = ix.Pow(2), gy = iy.Pow(2);
        CompNode m = gx + gy;
        CompNode l = m.Pow(0.5);

        List<CompNode> order = l.TopoSort();

        Assert.Equal(10, order.Count);
        Assert.Same(l, order[^1]);
        CompNode[] manual = [l, m, gx, gy, ix, iy, xp, yp];
        int[] positions = [.. manual.Select(n => order.IndexOf(n))];
        for (int i = 0; i < manual.Length; i++)
        {
            foreach (CompNode child in manual[i].Children)
            {
                Assert.True(order.IndexOf(child) < positions[i], $"child of node {i} listed after it");
            }
        }
    }

    [Fact]
    public void Automatic_backward_cell_fresh_run()
    {
        var rng = new PyRandom(Seed);
        Skip(rng, 204);
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(rng, 100);
        CompNode xp = new(0.3), yp = new(0.3);

        CompNode loss = DistanceLoss.Graph(xp, yp, xs, ys);
        loss.Backward();

        Assert.Equal(0.4293709418397173, loss.Val);
        Assert.Equal(-0.2992132831336336, xp.Grad);
        Assert.Equal(-0.3191601315679838, yp.Grad);
    }

    [Fact]
    public void Automatic_backward_cell_as_printed_in_the_lecture()
    {
        var rng = new PyRandom(Seed);
        Skip(rng, 1604);
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(rng, 100);
        CompNode xp = new(0.3), yp = new(0.3);

        CompNode loss = DistanceLoss.Graph(xp, yp, xs, ys);
        loss.Backward();

        Assert.Equal(0.4712441687473934, loss.Val);
        Assert.Equal(-0.4495361695632005, xp.Grad);
        Assert.Equal(-0.30993795041828925, yp.Grad);

        (double closedX, double closedY) = DistanceLoss.Gradient(0.3, 0.3, xs, ys);
        Assert.Equal(-0.44953616956320025, closedX);
        Assert.Equal(-0.3099379504182892, closedY);
    }

    [Fact]
    public void Graph_topological_order_matches_the_lecture_recursive_sort()
    {
        double[] xs = [0.1, 0.7];
        double[] ys = [0.4, 0.2];
        CompNode xp = new(0.3), yp = new(0.3);
        CompNode loss = DistanceLoss.Graph(xp, yp, xs, ys);

        List<CompNode> order = loss.TopoSort();

        Assert.Equal(RecursiveTopoSort(loss), order);
        Assert.Equal(2 + 1 + (2 * 9) + 2, order.Count);
        Assert.Equal(
            ["assign", "assign", "assign", "assign", "sub", "power 2", "assign", "assign", "sub", "power 2", "add", "power 0.5", "add"],
            order.Take(13).Select(n => n.Op));
    }

    [Fact]
    public void The_lecture_comp_node_asserts_hold()
    {
        Assert.Equal(5, new CompNode(5).Val);
        Assert.Equal(2, (new CompNode(5) - 3).Val);
        Assert.Equal(-3, (2 - new CompNode(5)).Val);
        Assert.Equal(25, new CompNode(5).Pow(2).Val);
        Assert.True(new CompNode(5).Pow(2).ValueEquals(new CompNode(25)));
        Assert.Equal(8, (new CompNode(5) + 3).Val);
        Assert.Equal(7, (2 + new CompNode(5)).Val);
        Assert.Equal(15, (new CompNode(5) * 3).Val);
        Assert.Equal(10, (2 * new CompNode(5)).Val);
    }

    /// <summary>The lecture's recursive topo_sort, kept here as the reference for the iterative one.</summary>
    internal static List<CompNode> RecursiveTopoSort(CompNode root)
    {
        var result = new List<CompNode>();
        var visited = new HashSet<CompNode>(ReferenceEqualityComparer.Instance);
        void Visit(CompNode node)
        {
            if (visited.Add(node))
            {
                foreach (CompNode child in node.Children)
                {
                    Visit(child);
                }

                result.Add(node);
            }
        }

        Visit(root);
        return result;
    }

    private static void Skip(PyRandom rng, int draws)
    {
        for (int i = 0; i < draws; i++)
        {
            rng.Random();
        }
    }
}
