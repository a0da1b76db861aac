namespace Autograd;

/// <summary>The outcome of <see cref="GradCheck.Check"/>.</summary>
/// <param name="Value">The function's value at the inputs.</param>
/// <param name="Analytic">Each input's gradient from <see cref="CompNode.Backward"/>.</param>
/// <param name="Numerical">Each input's gradient from central differences.</param>
/// <param name="MaxRelativeError">The largest <see cref="GradCheck.RelativeError"/> over the inputs (NaN if any gradient is NaN).</param>
public sealed record GradCheckResult(double Value, IReadOnlyList<double> Analytic, IReadOnlyList<double> Numerical, double MaxRelativeError);
