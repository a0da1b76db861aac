using Autograd.Datasets;
using Autograd.Nn;

namespace Autograd.Tests;

/// <summary>
/// The library's MLP against micrograd's demo: its initial parameters, and its 100 training lines
/// against CPython runs of the demo's arithmetic (TestData, made by bench/micrograd/micrograd_demo.py).
/// </summary>
[Collection(NumpySamples.GlobalGenerator)]
public class MlpTests
{
    /// <summary>The steps whose line equals the reference run's digit for digit; the others differ in the last digits only.</summary>
    private static readonly int[] StepsEqualToTheReferenceRun = [0, 1, 4, 5, 7, 8, 9, 13, 17, 21, 27, 28, 39, 86, 89, 91, 95, 97, 98, 99];

    private static readonly Lazy<string[]> OnCompNode = new(() => Train((m, x, y) => MaxMarginTraining.RunOnCompNode(m, x, y)));

    private static readonly Lazy<string[]> OnTape = new(() => Train((m, x, y) => MaxMarginTraining.RunOnTape(m, x, y)));

    [Fact]
    public void PyRandom_1337_draws_the_demos_337_initial_parameters_in_micrograds_order()
    {
        var model = new Mlp(2, [16, 16, 1], new PyRandom(1337));
        string[] expected = [.. NumpySamples.DemoInputs.GetProperty("mlp_initial_parameters_in_micrograd_order").EnumerateArray().Select(e => e.GetString()!)];
        Assert.Equal(337, model.ParameterCount);
        Assert.Equal(337, Mlp.CountParameters(2, [16, 16, 1]));
        Assert.Equal(expected, model.Parameters.Select(PyFormat.FloatRepr));
    }

    [Fact]
    public void Prints_itself_as_micrograd_does()
    {
        var model = new Mlp(2, [3, 1], new PyRandom(0));
        Assert.Equal("MLP of [Layer of [ReLUNeuron(2), ReLUNeuron(2), ReLUNeuron(2)], Layer of [LinearNeuron(3)]]", model.ToString());
    }

    [Fact]
    public void Evaluate_gives_the_graphs_score_bit_for_bit()
    {
        var model = new Mlp(2, [16, 16, 1], new PyRandom(1337));
        double[] x = [0.25, -0.75];
        CompNode[] parameters = [.. model.Parameters.Select(p => new CompNode(p))];
        Assert.Equal(model.Forward(parameters, x)[0].Val, model.Evaluate(x)[0]);
    }

    [Fact]
    public void CompNode_and_the_tape_print_the_same_100_lines()
    {
        Assert.Equal(100, OnCompNode.Value.Length);
        Assert.Equal(OnCompNode.Value, OnTape.Value);
    }

    [Fact]
    public void Against_the_reference_run_every_accuracy_and_20_lines_are_equal_and_every_loss_to_14_digits()
    {
        string[] reference = NumpySamples.StepLines("micrograd-demo-output.txt");
        string[] lines = OnCompNode.Value;
        Assert.Equal(reference.Select(Accuracy), lines.Select(Accuracy));
        Assert.Equal(StepsEqualToTheReferenceRun, Enumerable.Range(0, 100).Where(k => lines[k] == reference[k]));
        for (int k = 0; k < 100; k++)
        {
            Assert.Equal(Loss(reference[k]), Loss(lines[k]), Loss(reference[k]) * 1e-14);
        }
    }

    private static string Accuracy(string line) => line[(line.LastIndexOf(' ') + 1)..];

    private static double Loss(string line) =>
        double.Parse(line.Split(' ')[3].TrimEnd(','), System.Globalization.CultureInfo.InvariantCulture);

    private static string[] Train(Func<Mlp, double[][], int[], TrainingStep[]> run)
    {
        NumpyRandom.Seed(1337);
        var random = new PyRandom(1337);
        (double[][] x, int[] y) = Moons.Make(100, noise: 0.1);
        return [.. run(new Mlp(2, [16, 16, 1], random), x, [.. y.Select(v => (v * 2) - 1)]).Select(s => s.ToString())];
    }
}
