using Autograd.Charts;

namespace Autograd.Tests;

/// <summary>
/// The one list of operations, <see cref="ScalarOp"/>, against every place that must know each
/// of them: a new operation fails here until the op table, the tape, the backward chart's captions
/// and the graph chart have it.
/// </summary>
public class OpCoverageTests
{
    private static readonly ScalarOp[] s_all = Enum.GetValues<ScalarOp>();

    [Fact]
    public void The_op_table_exercises_every_operation()
    {
        var exercised = new HashSet<ScalarOp>();
        foreach (OpCase op in OpTable.All)
        {
            foreach (CompNode node in Apply(op).TopoSort())
            {
                exercised.Add(node.Kind);
            }
        }

        Assert.Empty(s_all.Except(exercised));
    }

    [Fact]
    public void Every_operation_is_recorded_and_stepped_on_the_tape()
    {
        // An operation's entry is its own number; the forms with a number operand come after the last one.
        Assert.Equal(ScalarOp.Custom, s_all.Max());
        Assert.All(s_all, op => Assert.Equal(op, ScalarOps.Of(ScalarOps.Entry(op))));
        Assert.All(Enum.GetValues<TapeOp>(), form => Assert.True(form > ScalarOps.Entry(ScalarOp.Custom), $"{form} overlaps an operation's entry."));

        var recorded = new HashSet<ScalarOp> { ScalarOp.Assign };
        foreach (OpCase op in OpTable.All)
        {
            Assert.True(op.OnTape is not null, $"The op table's row '{op.Name}' has no tape version.");
            using var tape = new GradientTape();
            TapeNode[] inputs = [.. Inputs(op).Select(tape.Variable)];
            TapeNode result = op.OnTape(inputs);
            result.Backward();
            Assert.Equal(Apply(op).Kind, result.Kind);
            recorded.Add(result.Kind);
        }

        Assert.Empty(s_all.Except(recorded));
    }

    [Fact]
    public void Every_operation_s_backward_caption_names_its_local_derivative()
    {
        var captioned = new HashSet<ScalarOp>();
        foreach (OpCase op in OpTable.All)
        {
            CompNode root = Apply(op);
            (_, List<WalkStep> steps) = BackwardWalk.Run(root, NodeAdapter.CompNode, maxNodes: 60);

            // The walk starts at the output: step 1 is the operation's own BackwardProp().
            WalkStep step = steps[1];
            Assert.StartsWith($"Step 1 of {steps.Count - 1}: [{root.Op}].BackwardProp(), {root.Op}, with", step.Caption[0]);
            if (root.Kind != ScalarOp.Custom && step.Caption.Skip(1).All(line => line.Contains(" × ", StringComparison.Ordinal)))
            {
                captioned.Add(root.Kind);
            }
        }

        Assert.Empty(s_all.Except([ScalarOp.Assign, ScalarOp.Custom, .. captioned]));
    }

    [Fact]
    public void The_graph_chart_draws_every_operation_under_its_name()
    {
        var drawn = new HashSet<ScalarOp>();
        foreach (OpCase op in OpTable.All)
        {
            CompNode root = Apply(op);
            string[] texts = ChartTests.RecordTexts(AutogradCharts.ComputationGraph(root));
            if (texts.Any(t => t.StartsWith($"<b>{root.Op}</b><br>", StringComparison.Ordinal)))
            {
                drawn.Add(root.Kind);
            }

            if (texts.Any(t => t.StartsWith("a<br>", StringComparison.Ordinal) || t.StartsWith("<b>a</b><br>", StringComparison.Ordinal)))
            {
                drawn.Add(ScalarOp.Assign);
            }
        }

        Assert.Empty(s_all.Except(drawn));
    }

    /// <summary>The row's operation on named leaves inside its domain.</summary>
    private static CompNode Apply(OpCase op) =>
        op.Scalar([.. Inputs(op).Select((v, i) => new CompNode(v, i == 0 ? "a" : "b"))]);

    private static double[] Inputs(OpCase op) =>
        [.. Enumerable.Range(0, op.Arity).Select(i => op.Min + ((op.Max - op.Min) * (0.3 + (0.4 * i))))];
}
