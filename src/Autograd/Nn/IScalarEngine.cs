namespace Autograd.Nn;

/// <summary>
/// The few scalar operations a network's forward pass, loss and training step need, so that one
/// generic implementation serves <see cref="CompNode"/> and <see cref="GradientTape"/>. Implemented
/// by structs: the JIT compiles each use for the struct itself, so the calls cost nothing.
/// </summary>
internal interface IScalarEngine<T>
{
    /// <summary>Starts a step's recording (a tape resets; a graph needs nothing).</summary>
    void BeginStep();

    /// <summary>A leaf holding a parameter's current value, whose gradient backward fills in.</summary>
    T Variable(double value);

    T Add(T a, T b);

    T Add(T a, double b);

    T Mul(T a, T b);

    T Mul(T a, double b);

    T Relu(T a);

    double Val(T a);

    double Grad(T a);

    void Backward(T output);
}
