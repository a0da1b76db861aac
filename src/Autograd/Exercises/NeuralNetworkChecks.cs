namespace Autograd.Exercises;

/// <summary>
/// The checks of the neural-network exercises (<c>06-neural-network-exercises.ipynb</c>): each runs
/// the student's code on inputs of its own and hands every answer to <see cref="Expect"/> as the
/// value to grade, so that a check cell is one call and the same answers can be compared wherever
/// the verdict is decided.
/// </summary>
/// <remarks>
/// The expected values come from the library's engine or from the notebook's own classes (which
/// are given, not exercises), never from a formula a student could call instead of writing theirs.
/// The order and number of <see cref="Expect"/> calls depends only on the inputs, not on the answers.
/// </remarks>
public static class NeuralNetworkChecks
{
    /// <summary>The model shapes the parameter count is checked on: the demo's, one layer, deep and narrow, wide.</summary>
    public static IReadOnlyList<(int Nin, int[] Nouts)> Shapes { get; } =
    [
        (2, [16, 16, 1]),
        (3, [1]),
        (1, [1, 1, 1, 1]),
        (5, [7, 3]),
        (10, [32, 32, 32, 2]),
    ];

    /// <summary>
    /// Exercise <c>parameter-count</c>: the student's formula for the number of parameters of
    /// <c>MLP(nin, nouts)</c> against the number of parameters the notebook's <c>MLP</c> lists.
    /// </summary>
    /// <param name="formula">The student's <c>ParameterCount(nin, nouts)</c>.</param>
    /// <param name="counted">How many parameters the notebook's class has: <c>new MLP(nin, nouts, ...).Parameters().Count</c>.</param>
    public static void ParameterCount(Func<int, int[], int> formula, Func<int, int[], int> counted)
    {
        ArgumentNullException.ThrowIfNull(formula);
        ArgumentNullException.ThrowIfNull(counted);
        foreach ((int nin, int[] nouts) in Shapes)
        {
            Expect.Equal(formula(nin, [.. nouts]), counted(nin, [.. nouts]), $"parameters in MLP({nin}, [{string.Join(", ", nouts)}])");
        }
    }

    /// <summary>
    /// The neurons of exercise <c>neuron-by-hand</c>, as (x1, x2, w1, w2, b): first micrograd's
    /// lecture neuron, whose bias makes its output tanh(0.8813735870195432) = 1/√2, then two more.
    /// </summary>
    public static IReadOnlyList<(double X1, double X2, double W1, double W2, double B)> Neurons { get; } =
    [
        (2.0, 0.0, -3.0, 1.0, 6.8813735870195432),
        (0.5, -1.5, 0.8, 0.3, -0.1),
        (-1.0, 2.0, 0.25, -0.75, 0.4),
    ];

    /// <summary>
    /// Exercise <c>neuron-by-hand</c>: the student's output and gradients of
    /// <c>o = tanh(x1·w1 + x2·w2 + b)</c>, computed with the chain rule by hand, against the
    /// library's <see cref="CompNode"/> after <see cref="CompNode.Backward"/>.
    /// </summary>
    /// <param name="byHand">The student's function: (x1, x2, w1, w2, b) to the output and the gradients of o with respect to [x1, w1, x2, w2, b].</param>
    public static void NeuronByHand(Func<double, double, double, double, double, (double Out, double[] Grads)> byHand)
    {
        ArgumentNullException.ThrowIfNull(byHand);
        string[] names = ["x1", "w1", "x2", "w2", "b"];
        for (int k = 0; k < Neurons.Count; k++)
        {
            (double x1v, double x2v, double w1v, double w2v, double bv) = Neurons[k];
            CompNode x1 = new(x1v), x2 = new(x2v), w1 = new(w1v), w2 = new(w2v), b = new(bv);
            CompNode o = ((x1 * w1) + (x2 * w2) + b).Tanh();
            o.Backward();
            double[] expected = [x1.Grad, w1.Grad, x2.Grad, w2.Grad, b.Grad];

            (double output, double[] grads) = byHand(x1v, x2v, w1v, w2v, bv);
            string which = k == 0 ? "micrograd's lecture neuron" : $"neuron {k + 1}";
            Expect.Close(output, o.Val, $"for o of {which}");
            Expect.Equal(grads?.Length ?? 0, expected.Length, $"gradients for {which} (one per name in [{string.Join(", ", names)}])");
            for (int i = 0; i < expected.Length; i++)
            {
                Expect.Close(grads is not null && i < grads.Length ? grads[i] : double.NaN, expected[i], $"for do/d{names[i]} of {which}");
            }
        }
    }

    /// <summary>
    /// Scores and labels for exercise <c>accuracy</c>: random scores with a few exactly 0 (which
    /// count as predicting -1, as the demo's <c>scorei.data &gt; 0</c> says), and random labels.
    /// </summary>
    internal static (double[] Scores, int[] Labels)[] AccuracyCases()
    {
        var random = new PyRandom(90210);
        var cases = new List<(double[], int[])>
        {
            ([0.5, -0.2, 0.0, 3.0], [1, -1, -1, -1]),
            ([0.0], [1]),
        };
        foreach (int n in new[] { 7, 100, 333 })
        {
            double[] scores = [.. Enumerable.Range(0, n).Select(i => i % 17 == 5 ? 0.0 : random.Uniform(-2, 2))];
            int[] labels = [.. Enumerable.Range(0, n).Select(_ => random.Random() < 0.5 ? -1 : 1)];
            cases.Add((scores, labels));
        }

        return [.. cases];
    }

    /// <summary>
    /// Exercise <c>accuracy</c>: the student's fraction of points whose score has the sign of their
    /// label, against counting it point by point.
    /// </summary>
    /// <param name="accuracy">The student's <c>Accuracy(scores, labels)</c>, a fraction from 0 to 1.</param>
    public static void Accuracy(Func<double[], int[], double> accuracy)
    {
        ArgumentNullException.ThrowIfNull(accuracy);
        foreach ((double[] scores, int[] labels) in AccuracyCases())
        {
            int correct = 0;
            for (int i = 0; i < scores.Length; i++)
            {
                correct += (labels[i] > 0) == (scores[i] > 0) ? 1 : 0;
            }

            Expect.Close(accuracy([.. scores], [.. labels]), (double)correct / scores.Length, $"as the accuracy of {scores.Length} scores (a score of exactly 0 predicts -1)");
        }
    }

    /// <summary>The learning rates of the steps exercise <c>sgd-step</c> takes: the demo's first three, <c>1.0 - 0.9*k/100</c>.</summary>
    public static IReadOnlyList<double> SgdRates { get; } = [1.0 - (0.9 * 0 / 100), 1.0 - (0.9 * 1 / 100), 1.0 - (0.9 * 2 / 100)];

    /// <summary>
    /// Exercise <c>sgd-step</c>: three of the student's training steps on a fresh model against three
    /// steps computed here on another copy of it: zero the gradients, back-propagate the notebook's
    /// loss, move every parameter by <c>-rate × gradient</c>. A step that forgets to zero the
    /// gradients passes the first step and fails the second.
    /// </summary>
    /// <typeparam name="TModel">The notebook's model class.</typeparam>
    /// <param name="build">Makes a fresh model, the same one every call (its own seeded generator).</param>
    /// <param name="parameters">The model's parameters, in their order.</param>
    /// <param name="loss">The notebook's loss of the model on its data, a new graph every call.</param>
    /// <param name="step">The student's step: updates the model in place with the given learning rate and returns the loss it started from.</param>
    public static void SgdStep<TModel>(Func<TModel> build, Func<TModel, IReadOnlyList<CompNode>> parameters, Func<TModel, CompNode> loss, Func<TModel, double, double> step)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(step);
        TModel reference = build(), student = build();
        IReadOnlyList<CompNode> expected = parameters(reference);
        for (int k = 0; k < SgdRates.Count; k++)
        {
            foreach (CompNode p in expected)
            {
                p.Grad = 0;
            }

            CompNode total = loss(reference);
            total.Backward();
            foreach (CompNode p in expected)
            {
                p.Val -= SgdRates[k] * p.Grad;
            }

            double started = step(student, SgdRates[k]);
            Expect.Close(started, total.Val, $"as the loss step {k} started from");
            IReadOnlyList<CompNode> actual = parameters(student);
            for (int i = 0; i < expected.Count; i++)
            {
                Expect.Close(actual[i].Val, expected[i].Val, $"for parameter {i} after step {k} (rate {SgdRates[k].ToString(System.Globalization.CultureInfo.InvariantCulture)})");
            }
        }
    }
}
