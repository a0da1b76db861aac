namespace Autograd.Nn;

/// <summary>
/// micrograd's demo training loop: full-batch gradient descent on the SVM max-margin loss of a
/// binary classifier, with L2 regularisation and a decaying learning rate, on either engine.
/// </summary>
/// <remarks>
/// <para>
/// Each step computes, in micrograd's order of operations, the scores <c>s_i</c> of every point,
/// the losses <c>(1 + -y_i s_i).relu()</c>, the data loss <c>sum(losses) * (1.0 / n)</c> (a sum
/// that starts at 0 and adds left to right), the regularisation <c>1e-4 * sum(p * p)</c> over the
/// parameters in order, the total <c>data_loss + reg_loss</c> and the accuracy; then back-propagates
/// and updates every parameter with <c>p -= (1.0 - 0.9 k / 100) * grad</c>.
/// </para>
/// <para>
/// Both engines give every parameter its gradient contributions in the same order (the reverse of
/// the order the operations were built in), so they print the same lines bit for bit. micrograd keeps
/// a node's children in a Python <c>set</c>, whose order follows the objects' memory addresses, so
/// its order of adding a shared node's gradient contributions (and with it the last digits of its
/// losses) changes from one CPython process layout to another; its accuracies do not.
/// </para>
/// </remarks>
public static class MaxMarginTraining
{
    /// <summary>micrograd's L2 regularisation strength, <c>alpha = 1e-4</c>.</summary>
    public const double Alpha = 1e-4;

    /// <summary>micrograd's learning rate at step <paramref name="k"/> of 100: <c>1.0 - 0.9*k/100</c>, in Python's order of operations.</summary>
    public static double LearningRate(int k) => 1.0 - (0.9 * k / 100);

    /// <summary>
    /// Trains <paramref name="model"/> in place for <paramref name="steps"/> steps with a fresh
    /// <see cref="CompNode"/> graph per step, as micrograd does with its <c>Value</c>s.
    /// </summary>
    /// <param name="model">A model with one output; its <see cref="Mlp.Parameters"/> are updated.</param>
    /// <param name="x">The points, each with <see cref="Mlp.InputCount"/> coordinates.</param>
    /// <param name="y">The labels, -1 or +1.</param>
    /// <param name="steps">How many steps (micrograd's demo: 100).</param>
    /// <returns>Each step's loss and accuracy, measured before its update.</returns>
    public static TrainingStep[] RunOnCompNode(Mlp model, IReadOnlyList<double[]> x, IReadOnlyList<int> y, int steps = 100)
    {
        Check(model, x, y, steps);
        return Run<CompNode, CompNodeEngine>(default, model, x, y, steps);
    }

    /// <summary>
    /// Trains <paramref name="model"/> in place for <paramref name="steps"/> steps, each one recorded
    /// on <paramref name="tape"/> (reset at the start of every step, so after the first step nothing
    /// is allocated), or on a tape of its own when none is given.
    /// </summary>
    /// <param name="model">A model with one output; its <see cref="Mlp.Parameters"/> are updated.</param>
    /// <param name="x">The points, each with <see cref="Mlp.InputCount"/> coordinates.</param>
    /// <param name="y">The labels, -1 or +1.</param>
    /// <param name="steps">How many steps (micrograd's demo: 100).</param>
    /// <param name="tape">The tape to record on; it is reset at every step.</param>
    /// <returns>Each step's loss and accuracy, measured before its update.</returns>
    public static TrainingStep[] RunOnTape(Mlp model, IReadOnlyList<double[]> x, IReadOnlyList<int> y, int steps = 100, GradientTape? tape = null)
    {
        Check(model, x, y, steps);
        GradientTape own = tape ?? new GradientTape();
        try
        {
            return Run<TapeNode, TapeEngine>(new TapeEngine(own), model, x, y, steps);
        }
        finally
        {
            if (tape is null)
            {
                own.Dispose();
            }
        }
    }

    private static TrainingStep[] Run<T, TEngine>(TEngine engine, Mlp model, IReadOnlyList<double[]> x, IReadOnlyList<int> y, int steps)
        where TEngine : IScalarEngine<T>
    {
        double[] values = model.Parameters;
        var parameters = new T[values.Length];
        var log = new TrainingStep[steps];
        for (int k = 0; k < steps; k++)
        {
            engine.BeginStep();
            for (int i = 0; i < values.Length; i++)
            {
                parameters[i] = engine.Variable(values[i]);
            }

            // sum(losses) and sum(p*p) start at 0 and add left to right, as Python's sum does.
            int correct = 0;
            T sum = default!;
            for (int s = 0; s < x.Count; s++)
            {
                T score = model.Forward<T, TEngine>(engine, parameters, x[s])[0];
                T loss = engine.Relu(engine.Add(engine.Mul(score, -y[s]), 1.0));
                sum = s == 0 ? engine.Add(loss, 0.0) : engine.Add(sum, loss);
                correct += (y[s] > 0) == (engine.Val(score) > 0.0) ? 1 : 0;
            }

            T squares = default!;
            for (int i = 0; i < parameters.Length; i++)
            {
                T square = engine.Mul(parameters[i], parameters[i]);
                squares = i == 0 ? engine.Add(square, 0.0) : engine.Add(squares, square);
            }

            T total = engine.Add(engine.Mul(sum, 1.0 / x.Count), engine.Mul(squares, Alpha));
            engine.Backward(total);
            double rate = LearningRate(k);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] -= rate * engine.Grad(parameters[i]);
            }

            log[k] = new TrainingStep(k, engine.Val(total), (double)correct / x.Count * 100);
        }

        return log;
    }

    private static void Check(Mlp model, IReadOnlyList<double[]> x, IReadOnlyList<int> y, int steps)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        if (model.OutputCount != 1)
        {
            throw new ArgumentException($"The max-margin loss needs one score per point, but the model has {model.OutputCount} outputs.", nameof(model));
        }

        if (x.Count == 0 || x.Count != y.Count)
        {
            throw new ArgumentException($"There must be at least one point and one label per point; there are {x.Count} points and {y.Count} labels.", nameof(y));
        }

        for (int i = 0; i < y.Count; i++)
        {
            if (y[i] is not (-1 or 1))
            {
                throw new ArgumentException($"Label {i} is {y[i]}; the max-margin loss needs labels -1 and +1 (map scikit-learn's 0/1 with y * 2 - 1).", nameof(y));
            }
        }
    }
}
