using Autograd.Charts;
using Plotly.NET;

namespace Autograd.Tests;

/// <summary>Every chart a lecture notebook draws, built as the notebooks build them, by name.</summary>
internal static class LectureCharts
{
    public static readonly string[] Names =
    [
        "graph-before-backward", "graph-after-backward", "backward-steps", "loss-graph-100-points",
        "loss-curves", "loss-curves-settling", "descent-path", "autograd-vs-closed-form", "notebook-node-class",
        "custom-operation-graph", "backward-steps-unnamed", "deep-graph",
        "moons-data", "neuron-graph", "lecture-neuron-graph", "training-curves", "decision-boundary",
    ];

    public static GenericChart Build(string name)
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(5), 100);
        switch (name)
        {
            case "graph-before-backward":
                return AutogradCharts.ComputationGraph(LabelledOnePointGraph().Root, title: "The one-point loss before the backward pass");
            case "graph-after-backward":
                {
                    CompNode l = LabelledOnePointGraph().Root;
                    l.Backward();
                    return AutogradCharts.ComputationGraph(l, title: "After the backward pass");
                }

            case "backward-steps":
                return AutogradCharts.BackwardSteps(LabelledOnePointGraph().Root);
            case "loss-graph-100-points":
                {
                    CompNode loss = DistanceLoss.Graph(new CompNode(0.3, "x_p"), new CompNode(0.3, "y_p"), xs, ys);
                    loss.Backward();
                    return AutogradCharts.ComputationGraph(loss, title: "The 100-point loss");
                }

            case "loss-curves":
                return AutogradCharts.LossCurve(xs, ys, [0.02, 0.1, 0.5, 1.5], steps: 80);
            case "loss-curves-settling":
                return AutogradCharts.LossCurve(xs, ys, [0.05, 0.2, 0.5], steps: 60);
            case "custom-operation-graph":
                {
                    // The training notebook's softplus graph: nothing named, a shared leaf.
                    CompNode a = new(0.4), b = new(-1.2);
                    CompNode ab = a * b;
                    CompNode softplus = CompNode.Custom(Math.Log(1 + Math.Exp(ab.Val)), "softplus", [ab], o => ab.Grad += o.Grad / (1 + Math.Exp(-ab.Val)));
                    CompNode y = softplus + a;
                    y.Backward();
                    return AutogradCharts.ComputationGraph(y, title: "A graph with a custom softplus node");
                }

            case "backward-steps-unnamed":
                return AutogradCharts.BackwardSteps(ChartTests.ManualTraversalGraph().Root);
            case "deep-graph":
                {
                    // Too deep for records: drawn as markers with hover, its title and notes still legible.
                    CompNode node = new(1.0, "x");
                    for (int i = 0; i < 13; i++)
                    {
                        node = (node * 0.5) + 1.0;
                    }

                    node.Backward();
                    return AutogradCharts.ComputationGraph(node, title: "A graph 27 layers deep");
                }

            case "descent-path":
                return AutogradCharts.DescentPath(xs, ys, learningRate: 0.1, steps: 100);
            case "autograd-vs-closed-form":
                return AutogradCharts.AutogradVsClosedForm(xs, ys, learningRate: 0.1, steps: 100);
            case "notebook-node-class":
                {
                    LectureNode l = LectureNode.OnePointGraph();
                    return AutogradCharts.ComputationGraph(l, NodeAdapter.ByConvention<LectureNode>(), title: "A node class written in a notebook");
                }

            case "moons-data":
                {
                    (double[][] x, int[] y) = Autograd.Datasets.Moons.Make(nSamples: 100, noise: 0.1, random: new Autograd.Datasets.NumpyRandom(1337));
                    return ClassifierCharts.Dataset(x, [.. y.Select(label => (label * 2) - 1)]);
                }

            case "neuron-graph":
                {
                    // The neural-network lecture's ReLU neuron: weights from PyRandom(6), inputs 1.5 and -0.5.
                    var random = new PyRandom(6);
                    CompNode w0 = new(random.Uniform(-1, 1), "w0"), w1 = new(random.Uniform(-1, 1), "w1"), b = new(0, "b");
                    CompNode act = b + (w0 * new CompNode(1.5, "x0")) + (w1 * new CompNode(-0.5, "x1"));
                    CompNode output = act.Relu();
                    output.Label = "out";
                    output.Backward();
                    return AutogradCharts.ComputationGraph(output, title: "One ReLU neuron after the backward pass");
                }

            case "lecture-neuron-graph":
                {
                    // micrograd's lecture neuron, as the neural-network exercises draw it.
                    CompNode x1 = new(2.0, "x1"), x2 = new(0.0, "x2"), w1 = new(-3.0, "w1"), w2 = new(1.0, "w2"), b = new(6.8813735870195432, "b");
                    CompNode n = (x1 * w1) + (x2 * w2) + b;
                    n.Label = "n";
                    CompNode o = n.Tanh();
                    o.Label = "o";
                    o.Backward();
                    return AutogradCharts.ComputationGraph(o, title: "micrograd's lecture neuron after the backward pass");
                }

            case "decision-boundary":
                {
                    // The neural-network lecture's model after its 100 steps, over the demo's grid.
                    (double[][] x, int[] y01) = Autograd.Datasets.Moons.Make(nSamples: 100, noise: 0.1, random: new Autograd.Datasets.NumpyRandom(1337));
                    int[] y = [.. y01.Select(label => (label * 2) - 1)];
                    var model = new Autograd.Nn.Mlp(2, [16, 16, 1], new PyRandom(1337));
                    Autograd.Nn.MaxMarginTraining.RunOnCompNode(model, x, y);
                    return ClassifierCharts.DecisionBoundary(x, y, (a, b) => model.Evaluate([a, b])[0]);
                }

            case "training-curves":
                {
                    // The neural-network lecture's 100 steps, as it prints them.
                    string[] lines = File.ReadAllLines(Path.Combine(Repository.Root, "tests", "Lectures.Runner.Tests", "Expected", "neural-network-lines.txt"));
                    double Field(string line, string before, string after)
                    {
                        int start = line.IndexOf(before, StringComparison.Ordinal) + before.Length;
                        return double.Parse(line[start..line.IndexOf(after, start, StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
                    }

                    return ClassifierCharts.TrainingCurves([.. lines.Select(l => Field(l, " loss ", ","))], [.. lines.Select(l => Field(l, "accuracy ", "%"))]);
                }

            default:
                throw new ArgumentException($"No chart named {name}.", nameof(name));
        }
    }

    /// <summary>The lecture's one-point graph with the lecture's names: l, M, g_x, g_y, I_x, I_y, x_p, y_p.</summary>
    public static (CompNode Root, CompNode[] Named) LabelledOnePointGraph()
    {
        CompNode xp = new(0.3, "x_p"), yp = new(0.3, "y_p");
        CompNode ix = xp - 0.6308651620035047, iy = yp - 0.04186170538118772;
        ix.Label = "I_x";
        iy.Label = "I_y";
        CompNode gx = ix.Pow(2), gy = iy.Pow(2);
        gx.Label = "g_x";
        gy.Label = "g_y";
        CompNode m = gx + gy;
        m.Label = "M";
        CompNode l = m.Pow(0.5);
        l.Label = "l";
        return (l, [l, m, gx, gy, ix, iy, xp, yp]);
    }
}
