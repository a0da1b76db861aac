namespace Autograd;

/// <summary>One step of <see cref="GradientDescent.Run"/>.</summary>
/// <param name="Step">0 for the start, then 1, 2, ...</param>
/// <param name="X">The point's x coordinate at this step.</param>
/// <param name="Y">The point's y coordinate at this step.</param>
/// <param name="Loss">The loss at the point.</param>
/// <param name="GradX">d(loss)/dx from the graph's backward pass.</param>
/// <param name="GradY">d(loss)/dy from the graph's backward pass.</param>
/// <param name="ClosedGradX">d(loss)/dx from the closed form, <see cref="DistanceLoss.Gradient"/>.</param>
/// <param name="ClosedGradY">d(loss)/dy from the closed form.</param>
public sealed record DescentStep(int Step, double X, double Y, double Loss, double GradX, double GradY, double ClosedGradX, double ClosedGradY);
