namespace Autograd;

/// <summary>
/// Creates tensors and controls gradient recording: the parts of PyTorch's <c>torch</c> module that
/// the lecture uses (<c>torch.tensor</c>, <c>torch.no_grad</c>).
/// </summary>
public static class Tensor
{
    // Per async flow, not per thread: an await inside a NoGrad scope may resume on another
    // thread, and the scope must follow the code there and end for it on Dispose, without
    // leaving any thread's recording switched off.
    private static readonly AsyncLocal<int> s_noGradDepth = new();

    /// <summary>False inside a <see cref="NoGrad"/> scope of the current code path (across awaits): operations record no graph.</summary>
    public static bool IsGradEnabled => s_noGradDepth.Value == 0;

    /// <summary>
    /// PyTorch's <c>with torch.no_grad():</c> as <c>using (Tensor.NoGrad()) { ... }</c>: until the
    /// scope is disposed, operations build no graph and in-place updates of leaves that require
    /// grad are allowed (the gradient-descent step). The scope follows the code through
    /// <c>await</c> (an <see cref="AsyncLocal{T}"/>), so other threads and tasks keep recording.
    /// </summary>
    public static IDisposable NoGrad()
    {
        int previous = s_noGradDepth.Value;
        s_noGradDepth.Value = previous + 1;
        return new NoGradScope(previous);
    }

    /// <summary>A 1-D tensor holding <paramref name="values"/> (copied): <c>torch.tensor([0.3, 0.3])</c>.</summary>
    public static Tensor<T> From<T>(params T[] values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(values);
        return new Tensor<T>([.. values], new TensorShape(values.Length));
    }

    /// <summary>A 2-D tensor holding <paramref name="values"/> row by row (copied): <c>torch.tensor([data_x, data_y])</c>.</summary>
    public static Tensor<T> From<T>(T[,] values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(values);
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var data = new T[rows * cols];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                data[(r * cols) + c] = values[r, c];
            }
        }

        return new Tensor<T>(data, new TensorShape(rows, cols));
    }

    /// <summary>
    /// A 2-D tensor whose rows are <paramref name="rows"/>, converted to <typeparamref name="T"/>:
    /// <c>torch.tensor([data_x, data_y])</c> with Python lists of floats becomes
    /// <c>Tensor.FromRows&lt;float&gt;(dataX, dataY)</c> (PyTorch's default dtype is float32).
    /// </summary>
    /// <exception cref="ArgumentException">The rows have different lengths; the message names them.</exception>
    public static Tensor<T> FromRows<T>(params IReadOnlyList<double>[] rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rows);
        int cols = rows.Length == 0 ? 0 : rows[0].Count;
        var data = new T[rows.Length * cols];
        for (int r = 0; r < rows.Length; r++)
        {
            IReadOnlyList<double> row = rows[r] ?? throw new ArgumentNullException(nameof(rows), $"Row {r} is null.");
            if (row.Count != cols)
            {
                throw new ArgumentException($"Row {r} has {row.Count} values but row 0 has {cols}: rows of a 2-D tensor must have the same length.", nameof(rows));
            }

            for (int c = 0; c < cols; c++)
            {
                data[(r * cols) + c] = T.CreateChecked(row[c]);
            }
        }

        return new Tensor<T>(data, new TensorShape(rows.Length, cols));
    }

    /// <summary>A tensor of the given shape filled with zeros.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The shape has more elements than one array can hold; the message names the shape and the count.</exception>
    /// <exception cref="InsufficientMemoryException">The values would not fit in the memory this process may use; the message names the shape, the count and the bytes.</exception>
    public static Tensor<T> Zeros<T>(params int[] shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = new TensorShape(shape);
        return new Tensor<T>(TensorStorage.AllocateZeroed<T>(s), s);
    }

    /// <summary>A 0-dimensional tensor (a scalar) holding <paramref name="value"/>.</summary>
    public static Tensor<T> Scalar<T>(T value)
        where T : unmanaged, IFloatingPointIeee754<T> => new([value], new TensorShape());

    private sealed class NoGradScope(int previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                s_noGradDepth.Value = previous;
            }
        }
    }
}
