namespace Autograd.Nn;

/// <summary>The operations recorded on one <see cref="GradientTape"/>, reset at the start of every step.</summary>
internal readonly struct TapeEngine(GradientTape tape) : IScalarEngine<TapeNode>
{
    public void BeginStep() => tape.Reset();

    public TapeNode Variable(double value) => tape.Variable(value);

    public TapeNode Add(TapeNode a, TapeNode b) => a + b;

    public TapeNode Add(TapeNode a, double b) => a + b;

    public TapeNode Mul(TapeNode a, TapeNode b) => a * b;

    public TapeNode Mul(TapeNode a, double b) => a * b;

    public TapeNode Relu(TapeNode a) => a.Relu();

    public double Val(TapeNode a) => a.Val;

    public double Grad(TapeNode a) => a.Grad;

    public void Backward(TapeNode output) => output.Backward();
}
