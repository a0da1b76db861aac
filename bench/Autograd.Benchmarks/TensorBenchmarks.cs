using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Autograd.Benchmarks;

/// <summary>
/// The lecture's PyTorch expression on <see cref="Tensor{TValue}"/> in double, forward and backward,
/// against PyTorch itself: each N's global setup first times PyTorch 1.13 (float64, one thread)
/// with the committed script, BenchmarkDotNet times the same expression here, and the global
/// cleanup times PyTorch again; the PyTorch column shows the better of its two medians.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 15)]
[Config(typeof(PerPointConfig))]
public class TensorBenchmarks
{
    private Tensor<double> _data = Tensor.Zeros<double>(0, 2);

    [Params(1_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(5), N);
        _data = Tensor.FromRows<double>(xs, ys).T();
        PyTorchTiming.Measure(N, first: true);
    }

    /// <summary>PyTorch once more after the C# measurements: on a shared machine the load may have changed.</summary>
    [GlobalCleanup]
    public void Cleanup() => PyTorchTiming.Measure(N, first: false);

    /// <summary><c>loss = (data - pnt).Pow(2).Sum(dim: 1).Sqrt().Mean(); loss.Backward();</c></summary>
    [Benchmark]
    public double LectureLossAndGradient()
    {
        Tensor<double> pnt = Tensor.From(0.3, 0.3);
        pnt.RequiresGrad = true;
        Tensor<double> loss = (_data - pnt).Pow(2).Sum(dim: 1).Sqrt().Mean();
        loss.Backward();
        return loss.Item() + pnt.Grad![0];
    }

    /// <summary>Adds the per-point and PyTorch columns.</summary>
    private sealed class PerPointConfig : ManualConfig
    {
        public PerPointConfig()
        {
            AddColumn(
                new PerPointColumn(PerPointColumn.Kind.Median),
                new PerPointColumn(PerPointColumn.Kind.PyTorchMedian),
                new PerPointColumn(PerPointColumn.Kind.RatioToPyTorch));
        }
    }
}
