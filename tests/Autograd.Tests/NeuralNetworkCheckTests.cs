using Autograd.Exercises;

namespace Autograd.Tests;

/// <summary>The neural-network exercises' checks pass the right answers and name the first wrong one.</summary>
public class NeuralNetworkCheckTests
{
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

    [Fact]
    public void Parameter_count_passes_the_formula_and_names_the_shape_a_wrong_one_misses()
    {
        NeuralNetworkChecks.ParameterCount(Formula, Formula);

        ExerciseFailure noBiases = Assert.Throws<ExerciseFailure>(() =>
            NeuralNetworkChecks.ParameterCount((nin, nouts) => Formula(nin, nouts) - nouts.Sum(), Formula));
        Assert.Equal("expected 337 parameters in MLP(2, [16, 16, 1]), got 304", noBiases.Message);
    }

    [Fact]
    public void The_lecture_neuron_has_output_one_over_root_two_and_micrograds_gradients()
    {
        double[]? seen = null;
        NeuralNetworkChecks.NeuronByHand((x1, x2, w1, w2, b) =>
        {
            double o = Math.Tanh((x1 * w1) + (x2 * w2) + b);
            double dn = 1 - (o * o);
            double[] grads = [w1 * dn, x1 * dn, w2 * dn, x2 * dn, dn];
            seen ??= [o, .. grads];
            return (o, grads);
        });

        Assert.Equal(0.7071067811865476, seen![0], 15);
        Assert.Equal([-1.5, 1.0, 0.5, 0.0, 0.5], seen[1..].Select(g => Math.Round(g, 12)));
    }

    [Fact]
    public void A_neuron_gradient_with_the_sides_of_a_product_swapped_is_named()
    {
        ExerciseFailure swapped = Assert.Throws<ExerciseFailure>(() => NeuralNetworkChecks.NeuronByHand((x1, x2, w1, w2, b) =>
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
        static double Right(double[] scores, int[] y) => (double)scores.Zip(y).Count(p => (p.Second > 0) == (p.First > 0)) / scores.Length;

        NeuralNetworkChecks.Accuracy(Right);

        ExerciseFailure zeroIsPlus = Assert.Throws<ExerciseFailure>(() =>
            NeuralNetworkChecks.Accuracy((scores, y) => (double)scores.Zip(y).Count(p => (p.Second > 0) == (p.First >= 0)) / scores.Length));
        Assert.Equal("expected 0.7500 as the accuracy of 4 scores (a score of exactly 0 predicts -1), got 0.5000", zeroIsPlus.Message);
    }

    [Fact]
    public void An_sgd_step_that_does_not_zero_the_gradients_passes_the_first_step_and_fails_the_second()
    {
        // A model of two parameters whose loss is (p0 - 1)² + (p1 + 2)² · p0.
        static List<CompNode> Build() => [new CompNode(0.3), new CompNode(-0.4)];
        static CompNode Loss(List<CompNode> p) => (p[0] - 1).Pow(2) + ((p[1] + 2).Pow(2) * p[0]);
        static double Step(List<CompNode> model, double rate, bool zero)
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

        NeuralNetworkChecks.SgdStep(Build, m => m, Loss, (m, rate) => Step(m, rate, zero: true));

        ExerciseFailure noZero = Assert.Throws<ExerciseFailure>(() => NeuralNetworkChecks.SgdStep(Build, m => m, Loss, (m, rate) => Step(m, rate, zero: false)));
        Assert.Contains("for parameter 0 after step 1 (rate 0.991)", noZero.Message, StringComparison.Ordinal);
    }
}
