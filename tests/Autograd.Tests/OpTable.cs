
namespace Autograd.Tests;

/// <summary>One row per operation: how to apply it and where its inputs are drawn from.</summary>
/// <param name="Name">The row's name in test output.</param>
/// <param name="Arity">How many inputs the operation takes.</param>
/// <param name="Scalar">The operation on <see cref="CompNode"/> inputs.</param>
/// <param name="Min">The smallest input drawn.</param>
/// <param name="Max">The largest input drawn.</param>
/// <param name="Tensor">The same operation on tensors, where the tensor engine has it.</param>
/// <param name="OnTape">The same operation on <see cref="TapeNode"/> inputs of one <see cref="GradientTape"/>.</param>
public sealed record OpCase(string Name, int Arity, Func<CompNode[], CompNode> Scalar, double Min, double Max, Func<Tensor<double>[], Tensor<double>>? Tensor = null, Func<TapeNode[], TapeNode>? OnTape = null)
{
    public override string ToString() => Name;
}

/// <summary>
/// The table that drives the gradient tests: a new operation is one row here. Domains keep the
/// inputs where the operation is smooth (no kink of relu, no pole of division or log).
/// </summary>
public static class OpTable
{
    public static readonly OpCase[] All =
    [
        new("add", 2, a => a[0] + a[1], -3, 3, t => t[0] + t[1], OnTape: a => a[0] + a[1]),
        new("add double", 1, a => a[0] + 2.5, -3, 3, t => t[0] + 2.5, OnTape: a => a[0] + 2.5),
        new("radd double", 1, a => 2.5 + a[0], -3, 3, t => 2.5 + t[0], OnTape: a => 2.5 + a[0]),
        new("sub", 2, a => a[0] - a[1], -3, 3, t => t[0] - t[1], OnTape: a => a[0] - a[1]),
        new("sub double", 1, a => a[0] - 2.5, -3, 3, t => t[0] - 2.5, OnTape: a => a[0] - 2.5),
        new("rsub double", 1, a => 2.5 - a[0], -3, 3, t => 2.5 - t[0], OnTape: a => 2.5 - a[0]),
        new("mult", 2, a => a[0] * a[1], -3, 3, t => t[0] * t[1], OnTape: a => a[0] * a[1]),
        new("mult double", 1, a => a[0] * -1.5, -3, 3, t => t[0] * -1.5, OnTape: a => a[0] * -1.5),
        new("rmult double", 1, a => -1.5 * a[0], -3, 3, t => -1.5 * t[0], OnTape: a => -1.5 * a[0]),
        new("div", 2, a => a[0] / a[1], 0.5, 3, t => t[0] / t[1], OnTape: a => a[0] / a[1]),
        new("div double", 1, a => a[0] / 1.5, -3, 3, t => t[0] / 1.5, OnTape: a => a[0] / 1.5),
        new("rdiv double", 1, a => 1.5 / a[0], 0.5, 3, t => 1.5 / t[0], OnTape: a => 1.5 / a[0]),
        new("neg", 1, a => -a[0], -3, 3, t => -t[0], OnTape: a => -a[0]),
        new("power 2", 1, a => a[0].Pow(2), -3, 3, t => t[0].Pow(2), OnTape: a => a[0].Pow(2)),
        new("power 3", 1, a => a[0].Pow(3), -3, 3, t => t[0].Pow(3), OnTape: a => a[0].Pow(3)),
        new("power 1", 1, a => a[0].Pow(1), -3, 3, t => t[0].Pow(1), OnTape: a => a[0].Pow(1)),
        new("power -1", 1, a => a[0].Pow(-1), 0.2, 3, t => t[0].Pow(-1), OnTape: a => a[0].Pow(-1)),
        new("power -0.5", 1, a => a[0].Pow(-0.5), 0.2, 3, t => t[0].Pow(-0.5), OnTape: a => a[0].Pow(-0.5)),
        new("power 0.5", 1, a => a[0].Pow(0.5), 0.2, 3, t => t[0].Pow(0.5), OnTape: a => a[0].Pow(0.5)),
        new("power -1.5", 1, a => a[0].Pow(-1.5), 0.2, 3, t => t[0].Pow(-1.5), OnTape: a => a[0].Pow(-1.5)),
        new("exp", 1, a => a[0].Exp(), -3, 3, t => t[0].Exp(), OnTape: a => a[0].Exp()),
        new("log", 1, a => a[0].Log(), 0.2, 3, t => t[0].Log(), OnTape: a => a[0].Log()),
        new("tanh", 1, a => a[0].Tanh(), -3, 3, OnTape: a => a[0].Tanh()),
        new("relu positive", 1, a => a[0].Relu(), 0.1, 3, OnTape: a => a[0].Relu()),
        new("relu negative", 1, a => a[0].Relu(), -3, -0.1, OnTape: a => a[0].Relu()),
        new("sigmoid", 1, a => a[0].Sigmoid(), -3, 3, OnTape: a => a[0].Sigmoid()),
        new("sqrt", 1, a => a[0].Sqrt(), 0.2, 3, t => t[0].Sqrt(), OnTape: a => a[0].Sqrt()),
        new("custom cube", 1, a => Cube(a[0]), -3, 3, OnTape: a => Cube(a[0])),
    ];

    /// <summary>A user-defined operation in the lecture's closure style.</summary>
    public static CompNode Cube(CompNode x) =>
        CompNode.Custom(x.Val * x.Val * x.Val, "cube", [x], o => x.Grad += o.Grad * 3 * x.Val * x.Val);

    /// <summary>The same operation recorded on a tape.</summary>
    public static TapeNode Cube(TapeNode x) =>
        x.Tape.Custom(x.Val * x.Val * x.Val, "cube", [x], o => x.Grad += o.Grad * 3 * x.Val * x.Val);

    public static TheoryData<OpCase> TensorCases()
    {
        var data = new TheoryData<OpCase>();
        foreach (OpCase op in All.Where(o => o.Tensor is not null))
        {
            data.Add(op);
        }

        return data;
    }

    public static TheoryData<OpCase> Cases()
    {
        var data = new TheoryData<OpCase>();
        foreach (OpCase op in All)
        {
            data.Add(op);
        }

        return data;
    }
}
