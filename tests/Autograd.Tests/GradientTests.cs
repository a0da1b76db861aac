using CsCheck;

namespace Autograd.Tests;

/// <summary>Every operation's gradient against central differences, driven by <see cref="OpTable"/>.</summary>
public class GradientTests
{
    private const double Tolerance = 1e-6;

    [Theory]
    [MemberData(nameof(OpTable.Cases), MemberType = typeof(OpTable))]
    public void Each_op_gradient_matches_central_differences(OpCase op)
    {
        var rng = new PyRandom(op.Name.Length);
        for (int trial = 0; trial < 20; trial++)
        {
            double[] inputs = [.. Enumerable.Range(0, op.Arity).Select(_ => rng.Uniform(op.Min, op.Max))];

            GradCheckResult result = GradCheck.Check(op.Scalar, inputs);

            Assert.True(result.MaxRelativeError < Tolerance, $"{op.Name} at [{string.Join(", ", inputs)}]: {result}");
        }
    }

    [Fact]
    public void Random_expression_graphs_over_every_op_match_central_differences()
    {
        Gen<(double[] Leaves, int[] Program)> gen =
            Gen.Select(Gen.Double[0.3, 2.0].Array[2, 4], Gen.Int[0, int.MaxValue].Array[3, 24]);

        gen.Sample(
            sample =>
            {
                Func<CompNode[], CompNode> f = RandomGraph.Build(sample.Leaves, sample.Program);
                GradCheckResult result = GradCheck.Check(f, sample.Leaves);
                return result.MaxRelativeError < 1e-5;
            },
            iter: 1000,
            threads: 1);
    }

    [Fact]
    public void Random_graphs_use_every_op()
    {
        var seen = new HashSet<string>();
        var rng = new PyRandom(11);
        for (int i = 0; i < 200; i++)
        {
            double[] leaves = [rng.Uniform(0.3, 2), rng.Uniform(0.3, 2), rng.Uniform(0.3, 2)];
            int[] program = [.. Enumerable.Range(0, 20).Select(_ => (int)rng.NextUInt32() & int.MaxValue)];
            CompNode root = RandomGraph.Build(leaves, program)([.. leaves.Select(v => new CompNode(v))]);
            foreach (CompNode node in root.TopoSort())
            {
                seen.Add(node.Op.StartsWith("power", StringComparison.Ordinal) ? "power" : node.Op);
            }
        }

        Assert.Superset(new HashSet<string> { "add", "sub", "mult", "power", "exp", "log", "tanh", "relu", "sigmoid", "sqrt", "cube" }, seen);
    }
}

/// <summary>
/// Turns a list of random integers into a recipe that can be replayed on shifted inputs: each step
/// applies an operation to earlier nodes (reusing nodes, so graphs share subexpressions), chosen
/// among those whose inputs are in a smooth region with a margin wider than the finite-difference step.
/// </summary>
internal static class RandomGraph
{
    private static readonly string[] s_ops =
        ["add", "sub", "mult", "div", "neg", "pow2", "pow0.5", "pow-1", "exp", "log", "tanh", "relu", "sigmoid", "sqrt", "cube", "addc", "rmulc"];

    public static Func<CompNode[], CompNode> Build(double[] leafValues, int[] program)
    {
        List<(string Op, int A, int B)> steps = Plan(leafValues, program);
        return leaves =>
        {
            var nodes = new List<CompNode>(leaves);
            foreach ((string op, int a, int b) in steps)
            {
                nodes.Add(Apply(op, nodes[a], nodes[b]));
            }

            CompNode sum = nodes[^1];
            for (int i = 0; i < leaves.Length; i++)
            {
                sum += 0.01 * (i + 1) * leaves[i];
            }

            return sum;
        };
    }

    /// <summary>The same recipe recorded on a tape.</summary>
    public static Func<TapeNode[], TapeNode> BuildOnTape(double[] leafValues, int[] program)
    {
        List<(string Op, int A, int B)> steps = Plan(leafValues, program);
        return leaves =>
        {
            var nodes = new List<TapeNode>(leaves);
            foreach ((string op, int a, int b) in steps)
            {
                nodes.Add(Apply(op, nodes[a], nodes[b]));
            }

            TapeNode sum = nodes[^1];
            for (int i = 0; i < leaves.Length; i++)
            {
                sum += 0.01 * (i + 1) * leaves[i];
            }

            return sum;
        };
    }

    private static List<(string Op, int A, int B)> Plan(double[] leafValues, int[] program)
    {
        var steps = new List<(string Op, int A, int B)>();
        var values = new List<double>(leafValues);
        foreach (int word in program)
        {
            int a = word % values.Count;
            int b = (word / 7) % values.Count;
            int first = (word / 131) % s_ops.Length;
            for (int k = 0; k < s_ops.Length; k++)
            {
                string op = s_ops[(first + k) % s_ops.Length];
                double? v = Apply(op, values[a], values[b]);
                if (v is double value && Math.Abs(value) < 20)
                {
                    steps.Add((op, a, b));
                    values.Add(value);
                    break;
                }
            }
        }

        return steps;
    }
    private static double? Apply(string op, double a, double b) => op switch
    {
        "add" => a + b,
        "sub" => a - b,
        "mult" => a * b,
        "div" when Math.Abs(b) > 0.3 => a / b,
        "neg" => -a,
        "pow2" => a * a,
        "pow0.5" when a > 0.2 => Math.Sqrt(a),
        "pow-1" when Math.Abs(a) > 0.3 => 1 / a,
        "exp" when a < 2 => Math.Exp(a),
        "log" when a > 0.2 => Math.Log(a),
        "tanh" => Math.Tanh(a),
        "relu" when Math.Abs(a) > 0.05 => Math.Max(a, 0),
        "sigmoid" => 1 / (1 + Math.Exp(-a)),
        "sqrt" when a > 0.2 => Math.Sqrt(a),
        "cube" when Math.Abs(a) < 2 => a * a * a,
        "addc" => a + 0.75,
        "rmulc" => 0.5 * a,
        _ => null,
    };

    private static CompNode Apply(string op, CompNode a, CompNode b) => op switch
    {
        "add" => a + b,
        "sub" => a - b,
        "mult" => a * b,
        "div" => a / b,
        "neg" => -a,
        "pow2" => a.Pow(2),
        "pow0.5" => a.Pow(0.5),
        "pow-1" => a.Pow(-1),
        "exp" => a.Exp(),
        "log" => a.Log(),
        "tanh" => a.Tanh(),
        "relu" => a.Relu(),
        "sigmoid" => a.Sigmoid(),
        "sqrt" => a.Sqrt(),
        "cube" => OpTable.Cube(a),
        "addc" => a + 0.75,
        "rmulc" => 0.5 * a,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    private static TapeNode Apply(string op, TapeNode a, TapeNode b) => op switch
    {
        "add" => a + b,
        "sub" => a - b,
        "mult" => a * b,
        "div" => a / b,
        "neg" => -a,
        "pow2" => a.Pow(2),
        "pow0.5" => a.Pow(0.5),
        "pow-1" => a.Pow(-1),
        "exp" => a.Exp(),
        "log" => a.Log(),
        "tanh" => a.Tanh(),
        "relu" => a.Relu(),
        "sigmoid" => a.Sigmoid(),
        "sqrt" => a.Sqrt(),
        "cube" => OpTable.Cube(a),
        "addc" => a + 0.75,
        "rmulc" => 0.5 * a,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };
}
