namespace Autograd.Nn;

/// <summary>
/// What one step of <see cref="MaxMarginTraining"/> measured before its update: the total loss and
/// the percentage of points classified right.
/// </summary>
/// <param name="Step">The step number, from 0.</param>
/// <param name="Loss">The total loss (data loss plus L2 regularisation) of the model the step started from.</param>
/// <param name="Accuracy">The percentage correct as micrograd computes it, <c>correct / n * 100</c> (so 50.0 or 97.0).</param>
public sealed record TrainingStep(int Step, double Loss, double Accuracy)
{
    /// <summary>micrograd's line, <c>step 0 loss 0.8958441028683222, accuracy 50.0%</c>, with Python's float repr.</summary>
    public override string ToString() => $"step {Step} loss {PyFormat.FloatRepr(Loss)}, accuracy {PyFormat.FloatRepr(Accuracy)}%";
}
