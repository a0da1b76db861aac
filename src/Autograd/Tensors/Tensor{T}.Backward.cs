namespace Autograd;

// The backward engine: the walk in reverse topological order, and how the backward steps hand
// gradients on to operands (summed over broadcast dimensions) and accumulate them in pooled buffers.
public sealed partial class Tensor<TValue>
{
    // The gradient received so far during a backward pass, and the shape it broadcasts from.
    private GradientBuffer<TValue>? _pendingGrad;
    private TensorShape? _pendingShape;

    /// <summary>
    /// Back-propagates from this tensor: every recorded operation's derivative in reverse
    /// topological order, accumulating into the <see cref="Grad"/> of leaves that require grad.
    /// Without <paramref name="gradient"/> the tensor must hold one element (the gradient is 1).
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor does not require grad, or has more than one element and no gradient was given.</exception>
    /// <exception cref="ArgumentException"><paramref name="gradient"/> has a different shape.</exception>
    public void Backward(Tensor<TValue>? gradient = null)
    {
        if (!RequiresGrad)
        {
            throw new InvalidOperationException(
                _madeUnderNoGrad
                    ? "This tensor was computed inside Tensor.NoGrad() (or from a tensor that was), so no graph was recorded: nothing to back-propagate. Compute it after the NoGrad scope is disposed."
                    : !Tensor.IsGradEnabled
                    ? "This tensor does not require grad and has no grad_fn, and gradient recording is off here: a Tensor.NoGrad() scope is still active on this code path. Dispose the scope (end its using block) before building what you back-propagate, and set RequiresGrad on an input."
                    : "This tensor does not require grad and has no grad_fn: nothing to back-propagate. Set RequiresGrad on an input first.");
        }

        TValue[] seed;
        if (gradient is null)
        {
            if (Numel != 1)
            {
                throw new InvalidOperationException(
                    $"grad can be implicitly created only for scalar outputs, but this tensor has shape {Shape.Text()}: pass a gradient of that shape to Backward(gradient).");
            }

            seed = [TValue.One];
        }
        else
        {
            if (!gradient.Shape.Equals(Shape))
            {
                throw new ArgumentException($"The gradient has shape {gradient.Shape.Text()} but this tensor has shape {Shape.Text()}.", nameof(gradient));
            }

            seed = gradient.ToArray();
        }

        List<Tensor<TValue>> order = TopoSort();

        // Checked before any gradient moves, so a failure leaves every Grad as it was.
        foreach (Tensor<TValue> node in order)
        {
            node.CheckSavedVersions();
        }

        _pendingGrad = GradientBuffer<TValue>.Own(seed);
        _pendingShape = Shape;
        try
        {
            // Gradients reach each tensor in reverse topological order; a tensor's derivative runs
            // once all of its consumers have added their contributions.
            for (int i = order.Count - 1; i >= 0; i--)
            {
                Tensor<TValue> node = order[i];
                GradientBuffer<TValue>? g = node._pendingGrad;
                TensorShape? gShape = node._pendingShape;
                node._pendingGrad = null;
                node._pendingShape = null;
                if (g is null || gShape is null)
                {
                    continue;
                }

                if ((node.IsLeaf && node.RequiresGrad) || node._retainsGrad)
                {
                    node.StoreGrad(g.Span, gShape);
                }

                if (node._backward is null)
                {
                    g.Release();
                }
                else
                {
                    node._backward(node, g, gShape);
                }
            }
        }
        finally
        {
            // After a failure, buffers still pending are dropped, not returned: one of them may
            // already be back in the pool, and a second return would hand it out twice.
            foreach (Tensor<TValue> node in order)
            {
                node._pendingGrad = null;
                node._pendingShape = null;
            }
        }
    }

    internal List<Tensor<TValue>> TopoSort()
    {
        var order = new List<Tensor<TValue>>();
        var visited = new HashSet<Tensor<TValue>>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor<TValue> Node, int Next)>();
        visited.Add(this);
        stack.Push((this, 0));
        while (stack.Count > 0)
        {
            (Tensor<TValue> node, int next) = stack.Pop();
            if (next < node._parents.Length)
            {
                stack.Push((node, next + 1));
                Tensor<TValue> parent = node._parents[next];
                if (parent.RequiresGrad && visited.Add(parent))
                {
                    stack.Push((parent, 0));
                }
            }
            else
            {
                order.Add(node);
            }
        }

        return order;
    }

    /// <summary>
    /// Where a backward step writes its result: into the incoming buffer when this step is its only
    /// holder and it has the full shape (one pass, no new memory), otherwise a pooled buffer.
    /// </summary>
    private static GradientBuffer<TValue> Output(GradientBuffer<TValue> g, TensorShape gShape, int n) =>
        g.Exclusive && gShape.Numel == n && g.Length == n ? g.Share() : GradientBuffer<TValue>.Rent(n);

    /// <summary>The gradient at the full <paramref name="shape"/>: itself if it is not broadcast (takes over the holder).</summary>
    private static GradientBuffer<TValue> Full(GradientBuffer<TValue> g, TensorShape gShape, TensorShape shape)
    {
        if (gShape.Numel == shape.Numel)
        {
            return g;
        }

        GradientBuffer<TValue> full = GradientBuffer<TValue>.Rent(shape.Numel);
        ElementwiseKernels.Map<TValue, CopyKernel<TValue>>(g.Span, gShape, shape, default, default, TValue.Zero, full.Span);
        g.Release();
        return full;
    }

    /// <summary>
    /// Hands <paramref name="g"/> (broadcasting to <paramref name="shape"/>, the output's shape) to
    /// an operand, summed over the dimensions broadcasting stretched when the operand is smaller.
    /// </summary>
    private static void Pass(Tensor<TValue> target, GradientBuffer<TValue> g, TensorShape gShape, TensorShape shape, bool negate)
    {
        if (!target.RequiresGrad)
        {
            g.Release();
            return;
        }

        if (target.Shape.Numel == shape.Numel)
        {
            if (negate)
            {
                GradientBuffer<TValue> result = g.Exclusive ? g.Share() : GradientBuffer<TValue>.Rent(g.Length);
                ElementwiseKernels.Map<TValue, NegateKernel<TValue>>(g.Span, gShape, gShape, default, default, TValue.Zero, result.Span);
                g.Release();
                g = result;
            }

            if (gShape.Count > target.Shape.Count)
            {
                // Same values, fewer dimensions (a [1, 3] output of a [3] operand): read at the operand's shape.
                g = Full(g, gShape, shape);
                gShape = target.Shape;
            }

            Accumulate(target, g, gShape);
            return;
        }

        GradientBuffer<TValue> full = Full(g, gShape, shape);
        GradientBuffer<TValue> reduced = GradientBuffer<TValue>.Rent(target.Numel);
        ElementwiseKernels.SumTo(full.Span, shape, target.Shape, negate, reduced.Span);
        full.Release();
        Accumulate(target, reduced, target.Shape);
    }

    /// <summary>
    /// Adds a gradient to what <paramref name="target"/> has received so far, taking over the
    /// caller's holder of <paramref name="grad"/>. A buffer is written only when exclusively held.
    /// </summary>
    private static void Accumulate(Tensor<TValue> target, GradientBuffer<TValue> grad, TensorShape gradShape)
    {
        if (!target.RequiresGrad)
        {
            grad.Release();
            return;
        }

        GradientBuffer<TValue>? existing = target._pendingGrad;
        if (existing is null)
        {
            target._pendingGrad = grad;
            target._pendingShape = gradShape;
            return;
        }

        TensorShape existingShape = target._pendingShape!;
        int n = target.Numel;
        if (existing != grad && existing.Exclusive && existingShape.Numel == n)
        {
            ElementwiseKernels.Map<TValue, AddKernel<TValue>>(grad.Span, gradShape, target.Shape, existing.Span, default, TValue.Zero, existing.Span);
            grad.Release();
        }
        else if (existing != grad && grad.Exclusive && gradShape.Numel == n)
        {
            ElementwiseKernels.Map<TValue, AddKernel<TValue>>(existing.Span, existingShape, target.Shape, grad.Span, default, TValue.Zero, grad.Span);
            existing.Release();
            target._pendingGrad = grad;
        }
        else
        {
            GradientBuffer<TValue> sum = GradientBuffer<TValue>.Rent(n);
            ElementwiseKernels.Map<TValue, CopyKernel<TValue>>(existing.Span, existingShape, target.Shape, default, default, TValue.Zero, sum.Span);
            ElementwiseKernels.Map<TValue, AddKernel<TValue>>(grad.Span, gradShape, target.Shape, sum.Span, default, TValue.Zero, sum.Span);
            existing.Release();
            grad.Release();
            target._pendingGrad = sum;
        }

        target._pendingShape = target.Shape;
    }

    /// <summary>Adds an arriving gradient to <see cref="Grad"/>, which is always this tensor's own array (never a pooled one).</summary>
    private void StoreGrad(ReadOnlySpan<TValue> g, TensorShape gShape)
    {
        if (Grad is null || !Grad.Shape.Equals(Shape))
        {
            TValue[] values = TensorStorage.Allocate<TValue>(Shape);
            ElementwiseKernels.Map<TValue, CopyKernel<TValue>>(g, gShape, Shape, default, default, TValue.Zero, values);
            Grad = new Tensor<TValue>(values, Shape);
        }
        else
        {
            TValue[] grad = Grad.MutableValues();
            ElementwiseKernels.Map<TValue, AddKernel<TValue>>(g, gShape, Shape, grad, default, TValue.Zero, grad);
        }
    }
}
