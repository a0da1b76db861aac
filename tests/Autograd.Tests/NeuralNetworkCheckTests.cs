using Autograd.Exercises;

namespace Autograd.Tests;

/// <summary>
/// The neural-network exercises' checks pass the right answers, name the first wrong one, and draw
/// their inputs, so that answers written down from the editor's inputs do not pass on other ones.
/// </summary>
public class NeuralNetworkCheckTests
{
    /// <summary>The inputs a check of <paramref name="id"/> draws in a student's editor.</summary>
    private static CheckInputs Editor(string id) => new(id, CheckInputs.EditorSeed);

    /// <summary>Inputs of another seed, as a grader draws them.</summary>
    private static CheckInputs Hidden(string id) => new(id, 7);

    private static int Formula(int nin, int[] nouts)
    {
        int count = 0;
        foreach (int nout in nouts)
        {
            count += (nin + 1) * nout;
            nin = nout;
        }

        return count;
    }

    private static (double Out, double[] Grads) Neuron(double x1, double x2, double w1, double w2, double b)
    {
        double o = Math.Tanh((x1 * w1) + (x2 * w2) + b);
        double dn = 1 - (o * o);
        return (o, [w1 * dn, x1 * dn, w2 * dn, x2 * dn, dn]);
    }

    private static double Accuracy(double[] scores, int[] y) => (double)scores.Zip(y).Count(p => (p.Second > 0) == (p.First > 0)) / scores.Length;

    // A model of two parameters whose loss is (p0 - 1)² + (p1 + 2)² · p0.
    private static List<CompNode> Build(PyRandom random) => [new CompNode(random.Uniform(-1, 1)), new CompNode(random.Uniform(-1, 1))];

    private static CompNode Loss(List<CompNode> p) => (p[0] - 1).Pow(2) + ((p[1] + 2).Pow(2) * p[0]);

    private static double Step(List<CompNode> model, double rate, bool zero)
    {
        CompNode loss = Loss(model);
        if (zero)
        {
            model.ForEach(p => p.Grad = 0);
        }

        loss.Backward();
        model.ForEach(p => p.Val -= rate * p.Grad);
        return loss.Val;
    }

    [Fact]
    public void Parameter_count_passes_the_formula_and_names_the_shape_a_wrong_one_misses()
    {
        NeuralNetworkChecks.ParameterCount(Editor("parameter-count"), Formula, Formula);

        ExerciseFailure noBiases = Assert.Throws<ExerciseFailure>(() =>
            NeuralNetworkChecks.ParameterCount(Editor("parameter-count"), (nin, nouts) => Formula(nin, nouts) - nouts.Sum(), Formula));
        Assert.Equal("expected 337 parameters in MLP(2, [16, 16, 1]), got 304", noBiases.Message);
    }

    [Fact]
    public void Parameter_count_draws_shapes_of_one_to_four_layers_and_checks_the_demo_s_first()
    {
        var shapes = new List<(int Nin, int[] Nouts)>();
        NeuralNetworkChecks.ParameterCount(Hidden("parameter-count"), (nin, nouts) => { shapes.Add((nin, nouts)); return Formula(nin, nouts); }, Formula);

        Assert.Equal(1 + NeuralNetworkChecks.DrawnShapes, shapes.Count);
        Assert.Equal(2, shapes[0].Nin);
        Assert.Equal([16, 16, 1], shapes[0].Nouts);
        static string Show((int Nin, int[] Nouts) shape) => $"MLP({shape.Nin}, [{string.Join(", ", shape.Nouts)}])";
        string[] inEditor = [.. Enumerable.Range(0, NeuralNetworkChecks.DrawnShapes).Select(k => Show(NeuralNetworkChecks.DrawShape(Editor("parameter-count"), k)))];
        Assert.NotEqual(inEditor, shapes[1..].Select(Show));
        Assert.All(Enumerable.Range(0, 200).Select(seed => NeuralNetworkChecks.DrawShape(new CheckInputs("parameter-count", seed), 0)), shape =>
        {
            Assert.InRange(shape.Nin, 1, 10);
            Assert.InRange(shape.Nouts.Length, 1, 4);
            Assert.All(shape.Nouts, n => Assert.InRange(n, 1, 32));
        });
    }

    [Fact]
    public void The_lecture_neuron_has_output_one_over_root_two_and_micrograds_gradients()
    {
        double[]? seen = null;
        NeuralNetworkChecks.NeuronByHand(Editor("neuron-by-hand"), (x1, x2, w1, w2, b) =>
        {
            (double o, double[] grads) = Neuron(x1, x2, w1, w2, b);
            seen ??= [o, .. grads];
            return (o, grads);
        });

        Assert.Equal(0.7071067811865476, seen![0], 15);
        Assert.Equal([-1.5, 1.0, 0.5, 0.0, 0.5], seen[1..].Select(g => Math.Round(g, 12)));
    }

    [Fact]
    public void A_neuron_gradient_with_the_sides_of_a_product_swapped_is_named()
    {
        ExerciseFailure swapped = Assert.Throws<ExerciseFailure>(() => NeuralNetworkChecks.NeuronByHand(Editor("neuron-by-hand"), (x1, x2, w1, w2, b) =>
        {
            double o = Math.Tanh((x1 * w1) + (x2 * w2) + b);
            double dn = 1 - (o * o);
            return (o, [x1 * dn, w1 * dn, x2 * dn, w2 * dn, dn]);
        }));

        Assert.StartsWith("expected -1.5000 for do/dx1 of micrograd's lecture neuron, got 1.0000", swapped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accuracy_counts_a_zero_score_as_minus_one()
    {
        NeuralNetworkChecks.Accuracy(Editor("accuracy"), Accuracy);

        ExerciseFailure zeroIsPlus = Assert.Throws<ExerciseFailure>(() =>
            NeuralNetworkChecks.Accuracy(Editor("accuracy"), (scores, y) => (double)scores.Zip(y).Count(p => (p.Second > 0) == (p.First >= 0)) / scores.Length));
        Assert.Equal("expected 0.7500 as the accuracy of 4 scores (a score of exactly 0 predicts -1), got 0.5000", zeroIsPlus.Message);
    }

    [Fact]
    public void Accuracy_draws_cases_with_scores_of_exactly_zero()
    {
        (double[] Scores, int[] Labels, string Which)[] drawn = NeuralNetworkChecks.AccuracyCases(Hidden("accuracy"))[^NeuralNetworkChecks.DrawnAccuracyCases..];

        Assert.All(drawn, c =>
        {
            Assert.InRange(c.Scores.Length, 5, 400);
            Assert.Equal(c.Scores.Length, c.Labels.Length);
            Assert.All(c.Labels, label => Assert.True(label is -1 or 1));
        });
        Assert.Contains(drawn.SelectMany(c => c.Scores), s => s == 0.0);
        Assert.Equal(["the check's random case 1", "the check's random case 2", "the check's random case 3"], drawn.Select(c => c.Which));
    }

    [Fact]
    public void An_sgd_step_that_does_not_zero_the_gradients_passes_the_first_step_and_fails_the_second()
    {
        NeuralNetworkChecks.SgdStep(Editor("sgd-step"), Build, m => m, Loss, (m, rate) => Step(m, rate, zero: true));

        ExerciseFailure noZero = Assert.Throws<ExerciseFailure>(() => NeuralNetworkChecks.SgdStep(Editor("sgd-step"), Build, m => m, Loss, (m, rate) => Step(m, rate, zero: false)));
        Assert.StartsWith("expected ", noZero.Message, StringComparison.Ordinal);
        Assert.Contains(" for parameter 0 after step 1, got ", noZero.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameter_counts_written_down_from_the_editor_pass_there_and_fail_on_other_inputs()
    {
        var written = new List<int>();
        NeuralNetworkChecks.ParameterCount(Editor("parameter-count"), (nin, nouts) => Keep(written, Formula(nin, nouts)), Formula);
        var replay = new Replay<int>(written);

        NeuralNetworkChecks.ParameterCount(Editor("parameter-count"), (_, _) => replay.Next(), Formula);
        replay.Rewind();
        ExerciseFailure failure = Assert.Throws<ExerciseFailure>(() => NeuralNetworkChecks.ParameterCount(Hidden("parameter-count"), (_, _) => replay.Next(), Formula));
        Assert.Contains("the check's random shape", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Neuron_gradients_written_down_from_the_editor_pass_there_and_fail_on_other_inputs()
    {
        var written = new List<(double, double[])>();
        NeuralNetworkChecks.NeuronByHand(Editor("neuron-by-hand"), (x1, x2, w1, w2, b) => Keep(written, Neuron(x1, x2, w1, w2, b)));
        var replay = new Replay<(double, double[])>(written);

        NeuralNetworkChecks.NeuronByHand(Editor("neuron-by-hand"), (_, _, _, _, _) => replay.Next());
        replay.Rewind();
        ExerciseFailure failure = Assert.Throws<ExerciseFailure>(() => NeuralNetworkChecks.NeuronByHand(Hidden("neuron-by-hand"), (_, _, _, _, _) => replay.Next()));
        Assert.Contains("of neuron 2", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accuracies_written_down_from_the_editor_pass_there_and_fail_on_other_inputs()
    {
        var written = new List<double>();
        NeuralNetworkChecks.Accuracy(Editor("accuracy"), (scores, y) => Keep(written, Accuracy(scores, y)));
        var replay = new Replay<double>(written);

        NeuralNetworkChecks.Accuracy(Editor("accuracy"), (_, _) => replay.Next());
        replay.Rewind();
        ExerciseFailure failure = Assert.Throws<ExerciseFailure>(() => NeuralNetworkChecks.Accuracy(Hidden("accuracy"), (_, _) => replay.Next()));
        Assert.Contains("the check's random case", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sgd_steps_written_down_from_the_editor_pass_there_and_fail_on_other_inputs()
    {
        var written = new List<(double Loss, double[] After)>();
        NeuralNetworkChecks.SgdStep(Editor("sgd-step"), Build, m => m, Loss, (m, rate) =>
        {
            double loss = Step(m, rate, zero: true);
            Keep(written, (loss, m.Select(p => p.Val).ToArray()));
            return loss;
        });
        var replay = new Replay<(double Loss, double[] After)>(written);
        double Replayed(List<CompNode> model)
        {
            (double loss, double[] after) = replay.Next();
            for (int i = 0; i < model.Count; i++)
            {
                model[i].Val = after[i];
            }

            return loss;
        }

        NeuralNetworkChecks.SgdStep(Editor("sgd-step"), Build, m => m, Loss, (m, _) => Replayed(m));
        replay.Rewind();
        ExerciseFailure failure = Assert.Throws<ExerciseFailure>(() => NeuralNetworkChecks.SgdStep(Hidden("sgd-step"), Build, m => m, Loss, (m, _) => Replayed(m)));
        Assert.Contains("step 0", failure.Message, StringComparison.Ordinal);
    }

    private static T Keep<T>(List<T> written, T answer)
    {
        written.Add(answer);
        return answer;
    }

    /// <summary>Answers given back in the order they were written down, whatever the inputs.</summary>
    private sealed class Replay<T>(List<T> answers)
    {
        private int _next;

        public T Next() => answers[_next++ % answers.Count];

        public void Rewind() => _next = 0;
    }
}
