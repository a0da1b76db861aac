using BenchmarkDotNet.Attributes;

namespace Autograd.Benchmarks;

/// <summary>
/// The lecture's loss gradient three ways, per batch size: (a) a tight hand-derived loop, the
/// practical limit; (b) the closed form as the lecture writes it; (c) the CompNode graph and
/// Backward(); the tensor engine on the same loss; and the cost of the exact powers alone, which
/// (b) and (c) cannot avoid.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 9)]
public class DistanceLossBenchmarks
{
    private double[] _xs = [];
    private double[] _ys = [];
    private Tensor<double> _data = Tensor.Zeros<double>(0, 2);

    [Params(1_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_xs, _ys) = DistanceLoss.GeneratePoints(new PyRandom(5), N);
        _data = Tensor.FromRows<double>(_xs, _ys).T();
    }

    /// <summary>One square root and one division per point: what any engine should be compared with.</summary>
    [Benchmark(Baseline = true)]
    public (double, double) HandDerivedLoop()
    {
        double[] xs = _xs, ys = _ys;
        double xp = 0.3, yp = 0.3, sumX = 0, sumY = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            double dx = xs[i] - xp;
            double dy = ys[i] - yp;
            double inv = 1.0 / Math.Sqrt((dx * dx) + (dy * dy));
            sumX += inv * dx;
            sumY += inv * dy;
        }

        return (-sumX / xs.Length, -sumY / xs.Length);
    }

    /// <summary>
    /// The six <see cref="Math.Pow"/> calls per point that the lecture's graph makes (three squares
    /// and a square root forward, two first powers and a -0.5 power backward) and nothing else: a
    /// floor for any engine that reproduces the lecture's numbers bit for bit.
    /// </summary>
    [Benchmark]
    public double ExactPowFloor()
    {
        double[] xs = _xs, ys = _ys;
        double sum = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            double dx = 0.3 - xs[i];
            double dy = 0.3 - ys[i];
            double m = Math.Pow(dx, 2) + Math.Pow(dy, 2);
            sum += Math.Pow(m, 0.5) + Math.Pow(m, -0.5) + Math.Pow(dx, 1) + Math.Pow(dy, 1);
        }

        return sum;
    }

    [Benchmark]
    public (double, double) ClosedFormGradient() => DistanceLoss.Gradient(0.3, 0.3, _xs, _ys);

    /// <summary>The lecture's PyTorch expression on the tensor engine, in double: loss and gradient.</summary>
    [Benchmark]
    public double TensorLossAndGradient()
    {
        Tensor<double> pnt = Tensor.From(0.3, 0.3);
        pnt.RequiresGrad = true;
        Tensor<double> loss = (_data - pnt).Pow(2).Sum(dim: 1).Sqrt().Mean();
        loss.Backward();
        return loss.Item() + pnt.Grad![0];
    }

    [Benchmark]
    public double GraphAndBackward()
    {
        CompNode xp = new(0.3), yp = new(0.3);
        CompNode loss = DistanceLoss.Graph(xp, yp, _xs, _ys);
        loss.Backward();
        return xp.Grad + yp.Grad;
    }
}
