namespace Autograd.Exercises;

/// <summary>
/// The checks of the neural-network exercises (<c>06-neural-network-exercises.ipynb</c>): each runs
/// the student's code on inputs it draws from <see cref="CheckInputs"/> (fixed in a student's editor,
/// hidden while grading) and hands every answer to <see cref="Expect"/> as the value to grade, so
/// that a check cell is one call and answers written down from the editor do not pass a grade.
/// </summary>
/// <remarks>
/// The expected values come from the library's engine or from the notebook's own classes (which
/// are given, not exercises), never from a formula a student could call instead of writing theirs.
/// The order and number of <see cref="Expect"/> calls depends only on the inputs, not on the answers,
/// and no description quotes a drawn input: the grader quotes it beside the hidden inputs.
/// </remarks>
public static class NeuralNetworkChecks
{
    /// <summary>How many shapes the parameter count is checked on besides the demo's.</summary>
    public const int DrawnShapes = 4;

    /// <summary>How many neurons <c>neuron-by-hand</c> is checked on besides micrograd's lecture neuron.</summary>
    public const int DrawnNeurons = 2;

    /// <summary>How many random cases <c>accuracy</c> is checked on besides the two written out.</summary>
    public const int DrawnAccuracyCases = 3;

    /// <summary>How many training steps <c>sgd-step</c> takes.</summary>
    public const int SgdSteps = 3;

    /// <summary>The demo's model, <c>MLP(2, [16, 16, 1])</c>: 337 parameters.</summary>
    internal static (int Nin, int[] Nouts) DemoShape => (2, [16, 16, 1]);

    /// <summary>micrograd's lecture neuron, as (x1, x2, w1, w2, b): its bias makes its output tanh(0.8813735870195432) = 1/√2.</summary>
    internal static (double X1, double X2, double W1, double W2, double B) LectureNeuron => (2.0, 0.0, -3.0, 1.0, 6.8813735870195432);

    /// <summary>
    /// Shape <paramref name="k"/> of <c>parameter-count</c>: 1 to 10 inputs, 1 to 4 layers of 1 to
    /// 32 neurons each, from inputs named after <paramref name="k"/>.
    /// </summary>
    internal static (int Nin, int[] Nouts) DrawShape(CheckInputs given, int k)
    {
        int nin = given.Int($"inputs of shape {k}", 1, 10);
        int layers = given.Int($"layers of shape {k}", 1, 4);
        return (nin, [.. Enumerable.Range(0, layers).Select(l => given.Int($"neurons of layer {l} of shape {k}", 1, 32))]);
    }

    /// <summary>
    /// Exercise <c>parameter-count</c>: the student's formula for the number of parameters of
    /// <c>MLP(nin, nouts)</c> against the number of parameters the notebook's <c>MLP</c> lists, for
    /// the demo's shape and <see cref="DrawnShapes"/> drawn ones.
    /// </summary>
    /// <param name="given">The check's inputs.</param>
    /// <param name="formula">The student's <c>ParameterCount(nin, nouts)</c>.</param>
    /// <param name="counted">How many parameters the notebook's class has: <c>new MLP(nin, nouts, ...).Parameters().Count</c>.</param>
    public static void ParameterCount(CheckInputs given, Func<int, int[], int> formula, Func<int, int[], int> counted)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(formula);
        ArgumentNullException.ThrowIfNull(counted);
        (int demoNin, int[] demoNouts) = DemoShape;
        Expect.Equal(formula(demoNin, [.. demoNouts]), counted(demoNin, [.. demoNouts]), $"parameters in MLP({demoNin}, [{string.Join(", ", demoNouts)}])");
        for (int k = 0; k < DrawnShapes; k++)
        {
            (int nin, int[] nouts) = DrawShape(given, k);
            Expect.Equal(formula(nin, [.. nouts]), counted(nin, [.. nouts]), $"parameters in the check's random shape {k + 1} (print nin and nouts in your function to see it)");
        }
    }

    /// <summary>
    /// Neuron <paramref name="k"/> of <c>neuron-by-hand</c> after the lecture's: inputs from -2 to 2,
    /// weights and bias from -1 to 1, so that tanh is far from flat.
    /// </summary>
    internal static (double X1, double X2, double W1, double W2, double B) DrawNeuron(CheckInputs given, int k) => (
        given.Double($"x1 of neuron {k}", -2, 2),
        given.Double($"x2 of neuron {k}", -2, 2),
        given.Double($"w1 of neuron {k}", -1, 1),
        given.Double($"w2 of neuron {k}", -1, 1),
        given.Double($"b of neuron {k}", -1, 1));

    /// <summary>
    /// Exercise <c>neuron-by-hand</c>: the student's output and gradients of
    /// <c>o = tanh(x1·w1 + x2·w2 + b)</c>, computed with the chain rule by hand, against the
    /// library's <see cref="CompNode"/> after <see cref="CompNode.Backward"/>, on micrograd's lecture
    /// neuron and <see cref="DrawnNeurons"/> drawn ones.
    /// </summary>
    /// <param name="given">The check's inputs.</param>
    /// <param name="byHand">The student's function: (x1, x2, w1, w2, b) to the output and the gradients of o with respect to [x1, w1, x2, w2, b].</param>
    public static void NeuronByHand(CheckInputs given, Func<double, double, double, double, double, (double Out, double[] Grads)> byHand)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(byHand);
        string[] names = ["x1", "w1", "x2", "w2", "b"];
        for (int k = 0; k <= DrawnNeurons; k++)
        {
            (double x1v, double x2v, double w1v, double w2v, double bv) = k == 0 ? LectureNeuron : DrawNeuron(given, k);
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
    /// Scores and labels for exercise <c>accuracy</c>, each with what its accuracy is called: two
    /// cases written out (a score of exactly 0 counts as predicting -1, as the demo's
    /// <c>scorei.data &gt; 0</c> says), then <see cref="DrawnAccuracyCases"/> drawn ones of 5 to 400
    /// points, about one score in ten exactly 0.
    /// </summary>
    internal static (double[] Scores, int[] Labels, string Which)[] AccuracyCases(CheckInputs given)
    {
        var cases = new List<(double[], int[], string)>
        {
            ([0.5, -0.2, 0.0, 3.0], [1, -1, -1, -1], "4 scores"),
            ([0.0], [1], "1 score"),
        };
        for (int k = 0; k < DrawnAccuracyCases; k++)
        {
            int n = given.Int($"points of case {k}", 5, 400);
            PyRandom random = given.Random($"scores and labels of case {k}");
            double[] scores = [.. Enumerable.Range(0, n).Select(_ => random.Random() < 0.1 ? 0.0 : random.Uniform(-2, 2))];
            int[] labels = [.. Enumerable.Range(0, n).Select(_ => random.Random() < 0.5 ? -1 : 1)];
            cases.Add((scores, labels, $"the check's random case {k + 1}"));
        }

        return [.. cases];
    }

    /// <summary>
    /// Exercise <c>accuracy</c>: the student's fraction of points whose score has the sign of their
    /// label, against counting it point by point.
    /// </summary>
    /// <param name="given">The check's inputs.</param>
    /// <param name="accuracy">The student's <c>Accuracy(scores, labels)</c>, a fraction from 0 to 1.</param>
    public static void Accuracy(CheckInputs given, Func<double[], int[], double> accuracy)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(accuracy);
        foreach ((double[] scores, int[] labels, string which) in AccuracyCases(given))
        {
            int correct = 0;
            for (int i = 0; i < scores.Length; i++)
            {
                correct += (labels[i] > 0) == (scores[i] > 0) ? 1 : 0;
            }

            Expect.Close(accuracy([.. scores], [.. labels]), (double)correct / scores.Length, $"as the accuracy of {which} (a score of exactly 0 predicts -1)");
        }
    }

    /// <summary>The learning rate of step <paramref name="k"/> of <c>sgd-step</c>: from 0.1 to 1, about the demo's 1.0 to 0.1.</summary>
    internal static double DrawRate(CheckInputs given, int k) => given.Double($"learning rate of step {k}", 0.1, 1.0);

    /// <summary>
    /// Exercise <c>sgd-step</c>: <see cref="SgdSteps"/> of the student's training steps on a fresh
    /// model against as many steps computed here on another copy of it: zero the gradients,
    /// back-propagate the notebook's loss, move every parameter by <c>-rate × gradient</c>. The model's
    /// initial values and the learning rates are drawn. A step that forgets to zero the gradients
    /// passes the first step and fails the second.
    /// </summary>
    /// <typeparam name="TModel">The notebook's model class.</typeparam>
    /// <param name="given">The check's inputs.</param>
    /// <param name="build">Makes a model that draws its initial values from the given generator (the check hands it two alike).</param>
    /// <param name="parameters">The model's parameters, in their order.</param>
    /// <param name="loss">The notebook's loss of the model on its data, a new graph every call.</param>
    /// <param name="step">The student's step: updates the model in place with the given learning rate and returns the loss it started from.</param>
    public static void SgdStep<TModel>(CheckInputs given, Func<PyRandom, TModel> build, Func<TModel, IReadOnlyList<CompNode>> parameters, Func<TModel, CompNode> loss, Func<TModel, double, double> step)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(step);
        TModel reference = build(given.Random("model")), student = build(given.Random("model"));
        IReadOnlyList<CompNode> expected = parameters(reference);
        for (int k = 0; k < SgdSteps; k++)
        {
            double rate = DrawRate(given, k);
            foreach (CompNode p in expected)
            {
                p.Grad = 0;
            }

            CompNode total = loss(reference);
            total.Backward();
            foreach (CompNode p in expected)
            {
                p.Val -= rate * p.Grad;
            }

            double started = step(student, rate);
            Expect.Close(started, total.Val, $"as the loss step {k} started from");
            IReadOnlyList<CompNode> actual = parameters(student);
            for (int i = 0; i < expected.Count; i++)
            {
                Expect.Close(actual[i].Val, expected[i].Val, $"for parameter {i} after step {k}");
            }
        }
    }
}
