using System.Text;

namespace Autograd.Nn;

/// <summary>
/// micrograd's multi-layer perceptron <c>MLP(nin, nouts)</c> as data: the layer sizes and every
/// weight and bias in one array, in micrograd's order (layer by layer, neuron by neuron, a neuron's
/// weights then its bias), so that one model can be trained on <see cref="CompNode"/> and on a
/// <see cref="GradientTape"/> and its numbers compared with micrograd's one by one.
/// </summary>
/// <remarks>
/// A neuron computes <c>b + w0 x0 + w1 x1 + ...</c>, added in that order starting from the bias as
/// micrograd's <c>sum(..., self.b)</c> does, then ReLU; the last layer is linear. Keeping the numbers
/// apart from any graph lets each training step record a fresh graph (or tape) over the current
/// values, which is what micrograd's <c>p.data -= ...</c> amounts to.
/// </remarks>
public sealed class Mlp
{
    private readonly int[] _sizes;

    /// <summary>
    /// <c>MLP(nin, nouts)</c> with micrograd's initialisation: each weight <c>random.uniform(-1, 1)</c>
    /// drawn from <paramref name="random"/> in parameter order, each bias 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1, or there is no layer.</exception>
    public Mlp(int nin, IReadOnlyList<int> nouts, PyRandom random)
    {
        ArgumentNullException.ThrowIfNull(nouts);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(nin, 1);
        if (nouts.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(nouts), "An MLP needs at least one layer: give the size of each layer in nouts.");
        }

        _sizes = [nin, .. nouts];
        for (int l = 1; l < _sizes.Length; l++)
        {
            if (_sizes[l] < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(nouts), _sizes[l], $"Layer {l - 1} has {_sizes[l]} neurons; every layer needs at least one.");
            }
        }

        Parameters = new double[CountParameters(nin, nouts)];
        int p = 0;
        for (int l = 1; l < _sizes.Length; l++)
        {
            for (int n = 0; n < _sizes[l]; n++)
            {
                for (int i = 0; i < _sizes[l - 1]; i++)
                {
                    Parameters[p++] = random.Uniform(-1.0, 1.0);
                }

                Parameters[p++] = 0.0;
            }
        }
    }

    private Mlp(int[] sizes, double[] parameters)
    {
        _sizes = sizes;
        Parameters = parameters;
    }

    /// <summary>How many inputs the first layer takes.</summary>
    public int InputCount => _sizes[0];

    /// <summary>The number of neurons of each layer, the <c>nouts</c> of the constructor.</summary>
    public IReadOnlyList<int> LayerSizes => _sizes.AsSpan(1).ToArray();

    /// <summary>How many outputs the last layer gives.</summary>
    public int OutputCount => _sizes[^1];

    /// <summary>
    /// Every weight and bias in micrograd's <c>parameters()</c> order: for each layer, for each
    /// neuron, its <see cref="InputCount"/> (or previous layer's size) weights and then its bias.
    /// The array is the model's own: training writes into it, and so may a caller.
    /// </summary>
    public double[] Parameters { get; }

    /// <summary>The number of parameters, <see cref="CountParameters"/> of the model's sizes.</summary>
    public int ParameterCount => Parameters.Length;

    /// <summary>
    /// The parameter count of <c>MLP(nin, nouts)</c>: each neuron has one weight per input and a
    /// bias, so a layer of <c>m</c> neurons on <c>k</c> inputs has <c>m (k + 1)</c>.
    /// </summary>
    /// <remarks>Internal: it is the answer to the <c>parameter-count</c> exercise, which a notebook could otherwise call.</remarks>
    internal static int CountParameters(int nin, IReadOnlyList<int> nouts)
    {
        ArgumentNullException.ThrowIfNull(nouts);
        long count = 0;
        int previous = nin;
        foreach (int size in nouts)
        {
            count += (long)size * (previous + 1);
            previous = size;
        }

        return checked((int)count);
    }

    /// <summary>An independent copy with the same sizes and parameter values, to train without touching this one.</summary>
    public Mlp Clone() => new(_sizes, (double[])Parameters.Clone());

    /// <summary>
    /// The model's outputs for one input with plain doubles, in the same order of operations as
    /// the graphs, so the numbers are the graph's bit for bit (for predictions and decision
    /// boundaries, where no gradient is needed).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> does not have <see cref="InputCount"/> values.</exception>
    public double[] Evaluate(ReadOnlySpan<double> x) => Forward(default(ValueEngine), Parameters, x);

    /// <summary>
    /// The model's outputs for one input as a graph over <paramref name="parameters"/> (nodes in
    /// <see cref="Parameters"/>' order), built with micrograd's operations in micrograd's order.
    /// </summary>
    public CompNode[] Forward(ReadOnlySpan<CompNode> parameters, ReadOnlySpan<double> x) =>
        Forward(default(CompNodeEngine), parameters, x);

    /// <summary>
    /// The model's outputs for one input recorded on the tape of <paramref name="parameters"/>
    /// (variables in <see cref="Parameters"/>' order), with micrograd's operations in micrograd's
    /// order; the inputs are numbers kept in their operations' slots.
    /// </summary>
    public TapeNode[] Forward(ReadOnlySpan<TapeNode> parameters, ReadOnlySpan<double> x)
    {
        CheckParameters(parameters.Length);
        return Forward(new TapeEngine(parameters[0].Tape), parameters, x);
    }

    /// <summary>The forward pass on any engine: each neuron <c>((b + w0 x0) + w1 x1) + ...</c>, then ReLU but in the last layer.</summary>
    internal T[] Forward<T, TEngine>(TEngine engine, ReadOnlySpan<T> parameters, ReadOnlySpan<double> x)
        where TEngine : IScalarEngine<T>
    {
        CheckParameters(parameters.Length);
        CheckInput(x.Length);
        var current = new T[_sizes[1]];
        int p = 0;
        for (int n = 0; n < current.Length; n++)
        {
            T act = parameters[p + x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                act = engine.Add(act, engine.Mul(parameters[p + i], x[i]));
            }

            p += x.Length + 1;
            current[n] = _sizes.Length > 2 ? engine.Relu(act) : act;
        }

        for (int l = 2; l < _sizes.Length; l++)
        {
            var next = new T[_sizes[l]];
            bool relu = l < _sizes.Length - 1;
            for (int n = 0; n < next.Length; n++)
            {
                T act = parameters[p + current.Length];
                for (int i = 0; i < current.Length; i++)
                {
                    act = engine.Add(act, engine.Mul(parameters[p + i], current[i]));
                }

                p += current.Length + 1;
                next[n] = relu ? engine.Relu(act) : act;
            }

            current = next;
        }

        return current;
    }

    /// <summary>micrograd's repr: <c>MLP of [Layer of [ReLUNeuron(2), ...], ..., Layer of [LinearNeuron(16)]]</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("MLP of [");
        for (int l = 1; l < _sizes.Length; l++)
        {
            text.Append(l > 1 ? ", Layer of [" : "Layer of [");
            string neuron = (l < _sizes.Length - 1 ? "ReLUNeuron(" : "LinearNeuron(") + _sizes[l - 1].ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
            text.AppendJoin(", ", Enumerable.Repeat(neuron, _sizes[l]));
            text.Append(']');
        }

        return text.Append(']').ToString();
    }

    private void CheckParameters(int count)
    {
        if (count != Parameters.Length)
        {
            throw new ArgumentException($"The model has {Parameters.Length} parameters but {count} parameter nodes were given.", "parameters");
        }
    }

    private void CheckInput(int count)
    {
        if (count != _sizes[0])
        {
            throw new ArgumentException($"The model takes {_sizes[0]} inputs but the point has {count}.", "x");
        }
    }
}
