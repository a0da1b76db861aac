namespace Autograd.Nn;

/// <summary>
/// Plain doubles through the same generic forward pass, for predictions where no gradient is
/// needed: the operations are the graphs' own, so the numbers are theirs bit for bit.
/// </summary>
internal readonly struct ValueEngine : IScalarEngine<double>
{
    public void BeginStep()
    {
    }

    public double Variable(double value) => value;

    public double Add(double a, double b) => a + b;

    public double Mul(double a, double b) => a * b;

    public double Relu(double a) => Math.Max(a, 0.0);

    public double Val(double a) => a;

    public double Grad(double a) => throw new NotSupportedException("Plain values carry no gradient; train on CompNode or a GradientTape.");

    public void Backward(double output) => throw new NotSupportedException("Plain values carry no gradient; train on CompNode or a GradientTape.");
}
