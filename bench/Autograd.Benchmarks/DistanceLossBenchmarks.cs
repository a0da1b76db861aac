using BenchmarkDotNet.Attributes;

namespace Autograd.Benchmarks;

/// <summary>
/// The lecture's loss gradient per batch size: (a) a tight hand-derived loop, the practical limit;
/// (b) the closed form as the lecture writes it; (c) the CompNode graph and Backward(); the same
/// graph on a GradientTape, fresh and in a training loop that reuses its tape; the tensor engine on
/// the same loss; and the cost of the exact powers alone, which (b) and (c) cannot avoid.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class DistanceLossBenchmarks
{
    private double[] _xs = [];
    private double[] _ys = [];
    private Tensor<double> _data = Tensor.Zeros<double>(0, 2);
    private GradientTape _tape = new();
    private double _px = 0.3;
    private double _py = 0.3;

    [Params(1_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_xs, _ys) = DistanceLoss.GeneratePoints(new PyRandom(5), N);
        _data = Tensor.FromRows<double>(_xs, _ys).T();
        _tape = new GradientTape();
        _px = 0.3;
        _py = 0.3;
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
    public double SixPowFloorMathPow()
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

    /// <summary>The same six powers through ExactPow: the same results bit for bit, the floor the engines now have.</summary>
    [Benchmark]
    public double SixPowFloorExactPow()
    {
        double[] xs = _xs, ys = _ys;
        double sum = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            double dx = 0.3 - xs[i];
            double dy = 0.3 - ys[i];
            double m = ExactPow.Pow(dx, 2) + ExactPow.Pow(dy, 2);
            sum += ExactPow.Pow(m, 0.5) + ExactPow.Pow(m, -0.5) + ExactPow.Pow(dx, 1) + ExactPow.Pow(dy, 1);
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

    /// <summary>The same graph on a new tape per call: its arrays grow from empty, as a one-off gradient would.</summary>
    [Benchmark]
    public double TapeFresh()
    {
        using var tape = new GradientTape();
        TapeNode xp = tape.Variable(0.3), yp = tape.Variable(0.3);
        TapeNode loss = DistanceLoss.Graph(xp, yp, _xs, _ys);
        loss.Backward();
        return xp.Grad + yp.Grad;
    }

    /// <summary>
    /// One iteration of a training loop that reuses its tape: reset, record the loss, back-propagate,
    /// step. After the first iteration it allocates nothing.
    /// </summary>
    [Benchmark]
    public double TapeReusedTrainingStep()
    {
        GradientTape tape = _tape;
        tape.Reset();
        TapeNode xp = tape.Variable(_px), yp = tape.Variable(_py);
        TapeNode loss = DistanceLoss.Graph(xp, yp, _xs, _ys);
        loss.Backward();
        _px -= 1e-9 * xp.Grad;
        _py -= 1e-9 * yp.Grad;
        return loss.Val;
    }
}
