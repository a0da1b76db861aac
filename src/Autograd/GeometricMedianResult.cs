namespace Autograd;

/// <summary>The outcome of <see cref="GeometricMedian.Solve"/>.</summary>
/// <param name="X">The median's x coordinate.</param>
/// <param name="Y">The median's y coordinate.</param>
/// <param name="Iterations">How many steps were taken.</param>
/// <param name="Converged">False when the iteration limit stopped the search first.</param>
public sealed record GeometricMedianResult(double X, double Y, int Iterations, bool Converged);
