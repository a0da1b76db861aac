using System.Text.Json.Nodes;

namespace Autograd.Tests;

/// <summary>
/// <see cref="Tensor{TValue}"/> against PyTorch itself: the same expressions on the same inputs
/// (broadcasting in every direction, every op, shared operands), values and gradients, in float64
/// (within 1e-12 relative) and float32 (bit for bit where PyTorch's result does not depend on its
/// SLEEF functions or its summation order, otherwise within 1e-6 relative). One python3 run evaluates
/// every case with <c>TestData/torch_crosscheck.py</c>.
/// </summary>
public class TorchCrossCheckTests
{
    // Float32Exact: only correctly rounded operations (+ - * /, sqrt, the powers PyTorch computes by
    // multiplication) and sums whose order cannot matter. Elsewhere float32 may differ in the last
    // bit or two: PyTorch's float exp, log and fractional pow are SLEEF's (within 1 ULP, not
    // correctly rounded), and its sums add in an interleaved cascade order (four partial sums).
    private static readonly CrossCase[] Cases =
    [
        new("lecture-one-point", [new([1, 2], 0, 1, false), new([2], 0, 1, true)], Float32Exact: true),
        new("lecture", [new([50, 2], 0, 1, false), new([2], 0, 1, true)]),
        new("add-row-broadcast", [new([3, 2], -2, 2, true), new([2], -2, 2, true)]),
        new("sub-outer-broadcast", [new([3, 1], -1, 1, true), new([1, 4], -1, 1, true)]),
        new("mul-scalar-broadcast", [new([], -2, 2, true), new([2, 3], -2, 2, true)]),
        new("div-row-broadcast", [new([3, 2], 0.5, 2, true), new([2], 0.5, 2, true)]),
        new("neg-sqrt-mean-dim", [new([2, 3], -1, 1, true)]),
        new("pow-fractional", [new([5], 0.5, 2, true)]),
        new("transpose", [new([2, 3], -2, 2, true), new([2], -2, 2, true)]),
        new("shared-operand", [new([4, 3], -2, 2, true)], Float32Exact: true),
        new("divisor-broadcast", [new([3, 4], 0.5, 2, true), new([3, 1], 0.5, 2, true)], Float32Exact: true),
        new("lecture-large", [new([5000, 2], 0, 1, false), new([2], 0, 1, true)]),
    ];

    [PyTorchFact]
    public void Values_and_gradients_match_pytorch_in_float64_and_float32()
    {
        var rng = new PyRandom(2024);
        var inputs = Cases.Select(c => c.Inputs.Select(i => Enumerable.Range(0, new TensorShape(i.Shape).Numel).Select(_ => rng.Uniform(i.Min, i.Max)).ToArray()).ToArray()).ToArray();
        var request = new JsonArray();
        foreach (string dtype in new[] { "float64", "float32" })
        {
            for (int c = 0; c < Cases.Length; c++)
            {
                request.Add(new JsonObject
                {
                    ["name"] = Cases[c].Name,
                    ["dtype"] = dtype,
                    ["inputs"] = new JsonArray([.. Cases[c].Inputs.Select((spec, k) => (JsonNode)new JsonObject
                    {
                        ["shape"] = new JsonArray([.. spec.Shape.Select(s => (JsonNode)s)]),
                        ["values"] = new JsonArray([.. inputs[c][k].Select(v => (JsonNode)v)]),
                        ["requires_grad"] = spec.RequiresGrad,
                    })]),
                });
            }
        }

        JsonArray results = RunPyTorch(request.ToJsonString());

        Assert.Equal(2 * Cases.Length, results.Count);
        var failures = new List<string>();
        for (int r = 0; r < results.Count; r++)
        {
            JsonNode result = results[r]!;
            int c = r % Cases.Length;
            bool single = (string)result["dtype"]! == "float32";
            Assert.Equal(Cases[c].Name, (string)result["name"]!);
            (double value, double[]?[] grads) = single ? Evaluate<float>(Cases[c], inputs[c]) : Evaluate<double>(Cases[c], inputs[c]);
            string label = $"{Cases[c].Name} {result["dtype"]}";
            Compare(failures, $"{label} value", value, (double)result["value"]!, single, Cases[c].Float32Exact);
            JsonArray expectedGrads = result["grads"]!.AsArray();
            for (int k = 0; k < grads.Length; k++)
            {
                double[]? expected = expectedGrads[k]?.AsArray().Select(v => (double)v!).ToArray();
                Assert.Equal(expected is null, grads[k] is null);
                for (int i = 0; expected is not null && i < expected.Length; i++)
                {
                    Compare(failures, $"{label} grad {k}[{i}]", grads[k]![i], expected[i], single, Cases[c].Float32Exact);
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static (double Value, double[]?[] Grads) Evaluate<T>(CrossCase c, double[][] values)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Tensor<T>[] leaves = [.. c.Inputs.Select((spec, k) => Leaf<T>(values[k], spec))];
        Tensor<T> output = Expression(c.Name, leaves);
        output.Backward();
        return (double.CreateChecked(output.Item()), [.. leaves.Select(l => l.Grad?.ToArray().Select(double.CreateChecked).ToArray())]);
    }

    /// <summary>The same expressions as EXPRESSIONS in torch_crosscheck.py, name for name.</summary>
    private static Tensor<T> Expression<T>(string name, Tensor<T>[] x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => name switch
        {
            "lecture" or "lecture-one-point" or "lecture-large" => (x[0] - x[1]).Pow(2).Sum(dim: 1).Sqrt().Mean(),
            "add-row-broadcast" => ((x[0] + x[1]) * x[0]).Sum(),
            "sub-outer-broadcast" => (x[0] - x[1]).Exp().Mean(),
            "mul-scalar-broadcast" => (x[0] * x[1]).Sum(dim: 0).Pow(3).Sum(),
            "div-row-broadcast" => (x[0] / x[1]).Log().Sum(),
            "neg-sqrt-mean-dim" => (-x[0]).Exp().Sqrt().Mean(dim: -1).Sum(),
            "pow-fractional" => (x[0].Pow(1.5) + x[0].Pow(-0.5) + x[0].Pow(-1)).Sum(),
            "transpose" => (x[0].T() * x[1]).Sum(),
            "shared-operand" => ((x[0] * x[0]) + x[0]).Sum(dim: 0).Mean(),
            "divisor-broadcast" => (x[0] / x[1]).Sum(dim: 1).Pow(2).Mean(),
            _ => throw new ArgumentException($"No expression named {name}.", nameof(name)),
        };

    private static Tensor<T> Leaf<T>(double[] values, InputSpec spec)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Tensor<T> flat = Tensor.From(values.Select(T.CreateChecked).ToArray());
        Tensor<T> t = spec.Shape.Length switch
        {
            0 => Tensor.Scalar(flat[0]),
            1 => flat,
            _ => Tensor.FromRows<T>([.. Enumerable.Range(0, spec.Shape[0]).Select(r => (IReadOnlyList<double>)values.Skip(r * spec.Shape[1]).Take(spec.Shape[1]).ToArray())]),
        };
        t.RequiresGrad = spec.RequiresGrad;
        return t;
    }

    private static void Compare(List<string> failures, string what, double actual, double expected, bool single, bool float32Exact)
    {
        double tolerance = !single ? 1e-12 : float32Exact ? 0 : 1e-6;
        double error = Math.Abs(actual - expected);
        if (error > tolerance * Math.Abs(expected) && !(error == 0))
        {
            failures.Add($"{what}: {actual:R}, PyTorch {expected:R} (relative error {error / Math.Abs(expected):E2}, allowed {tolerance:E0})");
        }
    }

    private static JsonArray RunPyTorch(string request)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "TestData", "torch_crosscheck.py");
        string input = Path.GetTempFileName();
        try
        {
            File.WriteAllText(input, request);
            (int exit, string stdout, string stderr) = ChildProcess.Run(
                "/bin/sh", ["-c", "\"$0\" \"$1\" < \"$2\"", PyTorchFactAttribute.Python, script, input], TimeSpan.FromMinutes(3));
            Assert.True(exit == 0, $"torch_crosscheck.py exited with {exit}: {stderr}");
            return JsonNode.Parse(stdout)!.AsArray();
        }
        finally
        {
            File.Delete(input);
        }
    }

    private sealed record InputSpec(int[] Shape, double Min, double Max, bool RequiresGrad);

    private sealed record CrossCase(string Name, InputSpec[] Inputs, bool Float32Exact = false);
}
