namespace Autograd;

// In-place updates (<c>-=</c>, <c>Zero_()</c>, ...): allowed where the graph cannot see them, counted in the version.
public sealed partial class Tensor<TValue>
{
    /// <summary>
    /// In-place subtraction, PyTorch's <c>pnt -= DELTA * pnt.grad</c>: the values change and the
    /// tensor stays the same object. On a leaf that requires grad it is allowed only inside
    /// <see cref="Tensor.NoGrad"/>.
    /// </summary>
    public void operator -=(Tensor<TValue> other) => InPlace<SubOp<TValue>>(other);

    /// <summary>In-place addition; the same rules as <c>-=</c>.</summary>
    public void operator +=(Tensor<TValue> other) => InPlace<AddOp<TValue>>(other);

    /// <summary>In-place multiplication; the same rules as <c>-=</c>.</summary>
    public void operator *=(Tensor<TValue> other) => InPlace<MulOp<TValue>>(other);

    /// <summary>In-place subtraction of a number.</summary>
    public void operator -=(double other) => InPlace<SubOp<TValue>>(Scalar(other));

    /// <summary>In-place addition of a number.</summary>
    public void operator +=(double other) => InPlace<AddOp<TValue>>(Scalar(other));

    /// <summary>In-place multiplication by a number.</summary>
    public void operator *=(double other) => InPlace<MulOp<TValue>>(Scalar(other));

    /// <summary>PyTorch's <c>zero_()</c>: sets every element to 0 in place (as on a gradient between steps).</summary>
    public Tensor<TValue> Zero_()
    {
        CheckInPlace();
        Array.Clear(MutableValues());
        _version.Bump("Zero_()");
        return this;
    }

    private void InPlace<TOp>(Tensor<TValue> other)
        where TOp : IBinaryOp<TValue>
    {
        Check(other);
        CheckInPlace();
        TensorShape shape = TensorShape.Broadcast(Shape, other.Shape);
        if (!shape.Equals(Shape))
        {
            throw new ArgumentException($"An in-place update cannot change the shape: {Shape.Text()} with {other.Shape.Text()} broadcasts to {shape.Text()}.", nameof(other));
        }

        TValue[] full = other.Shape.Equals(Shape) ? other.ValueArray : Broadcasting.Expand(other.ValueArray, other.Shape, Shape);
        TValue[] values = MutableValues();
        TOp.Apply(values, full, values);
        _version.Bump(TOp.InPlaceName);
    }

    private void CheckInPlace()
    {
        if (RequiresGrad && Tensor.IsGradEnabled)
        {
            throw new InvalidOperationException(
                IsLeaf
                    ? "A leaf tensor that requires grad is being used in an in-place operation: do the update inside using (Tensor.NoGrad()) { ... }."
                    : $"In-place operations on a tensor recorded for backward ({GradFn}) are not supported: the recorded graph would change under it.");
        }
    }
}
