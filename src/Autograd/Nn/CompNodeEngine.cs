namespace Autograd.Nn;

/// <summary>The operations on <see cref="CompNode"/>: a new object per operation, as micrograd's <c>Value</c>.</summary>
internal readonly struct CompNodeEngine : IScalarEngine<CompNode>
{
    public void BeginStep()
    {
    }

    public CompNode Variable(double value) => new(value);

    public CompNode Add(CompNode a, CompNode b) => a + b;

    public CompNode Add(CompNode a, double b) => a + b;

    public CompNode Mul(CompNode a, CompNode b) => a * b;

    public CompNode Mul(CompNode a, double b) => a * b;

    public CompNode Relu(CompNode a) => a.Relu();

    public double Val(CompNode a) => a.Val;

    public double Grad(CompNode a) => a.Grad;

    public void Backward(CompNode output) => output.Backward();
}
