using Autograd.Datasets;
using Autograd.Nn;
using BenchmarkDotNet.Attributes;

namespace Autograd.Benchmarks;

/// <summary>
/// micrograd's demo, 100 full-batch training steps of <c>MLP(2, [16, 16, 1])</c> on 100 moons
/// points, on <see cref="CompNode"/> (a fresh graph per step, as micrograd builds its Values) and
/// on one <see cref="GradientTape"/> reused by every step. The global setup checks that both print
/// the same 100 lines, and times PyTorch 1.13 (float64, one thread, the same model as tensors)
/// with the committed script <c>PyTorch/mlp_training_timing.py</c>, again in the cleanup; its
/// medians are written to the log and to <c>pytorch-mlp-training.txt</c> in the temporary folder.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class MlpTrainingBenchmarks
{
    private const string Script = "bench/Autograd.Benchmarks/PyTorch/mlp_training_timing.py";

    private readonly GradientTape _tape = new();
    private Mlp _initial = null!;
    private double[][] _x = [];
    private int[] _y = [];

    [GlobalSetup]
    public void Setup()
    {
        (_x, int[] y) = Moons.Make(100, noise: 0.1, random: new NumpyRandom(1337));
        _y = [.. y.Select(v => (v * 2) - 1)];
        _initial = new Mlp(2, [16, 16, 1], new PyRandom(1337));
        string[] onNodes = [.. MaxMarginTraining.RunOnCompNode(_initial.Clone(), _x, _y).Select(s => s.ToString())];
        string[] onTape = [.. MaxMarginTraining.RunOnTape(_initial.Clone(), _x, _y, tape: _tape).Select(s => s.ToString())];
        if (!onNodes.SequenceEqual(onTape))
        {
            throw new InvalidOperationException("CompNode and the tape printed different lines.");
        }

        string lines = Path.Combine(Path.GetTempPath(), "Autograd.Benchmarks", "mlp-training-lines.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(lines)!);
        File.WriteAllLines(lines, onNodes);
        MeasurePyTorch(lines, "before");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        MeasurePyTorch(Path.Combine(Path.GetTempPath(), "Autograd.Benchmarks", "mlp-training-lines.txt"), "after");
        _tape.Dispose();
    }

    /// <summary>100 steps with a new graph of about 64,000 nodes per step.</summary>
    [Benchmark(Baseline = true)]
    public double CompNode100Steps() => MaxMarginTraining.RunOnCompNode(_initial.Clone(), _x, _y)[^1].Loss;

    /// <summary>100 steps recorded on one tape, reset at every step.</summary>
    [Benchmark]
    public double Tape100Steps() => MaxMarginTraining.RunOnTape(_initial.Clone(), _x, _y, tape: _tape)[^1].Loss;

    private static void MeasurePyTorch(string expectedLines, string when)
    {
        string result;
        try
        {
            result = PyTorchTiming.RunScript(Script, expectedLines);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            result = "error " + e.Message.ReplaceLineEndings(" ");
        }

        string line = $"PyTorch {when} (median_ms min_ms repeats): {result.ReplaceLineEndings(" | ")}";
        Console.WriteLine("// " + line);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "Autograd.Benchmarks", "pytorch-mlp-training.txt"), line + "\n");
    }
}
