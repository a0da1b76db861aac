using System.Collections;

namespace Autograd;

/// <summary>
/// A tensor's sizes, one per dimension: PyTorch's <c>torch.Size</c>, printed the same way
/// (<c>torch.Size([1, 2])</c>) so a C# cell's output reads like the lecture's.
/// </summary>
public sealed class TensorShape : IReadOnlyList<int>, IEquatable<TensorShape>
{
    private readonly int[] _sizes;

    /// <summary>A shape with the given sizes; a shape with no sizes is a scalar's.</summary>
    public TensorShape(params int[] sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        _sizes = [.. sizes];
        long count = 1;
        foreach (int size in sizes)
        {
            if (size < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(sizes), size, $"Shape {Text()} has a negative size.");
            }

            // Past Array.MaxLength the product only needs to stay recognisably too large.
            count = count > Array.MaxLength ? count : count * size;
        }

        if (Array.IndexOf(sizes, 0) >= 0)
        {
            count = 0;
        }

        if (count > Array.MaxLength)
        {
            string elements = sizes.Aggregate(System.Numerics.BigInteger.One, (p, s) => p * s).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
            throw new ArgumentOutOfRangeException(
                nameof(sizes),
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Shape {Text()} has {elements} elements; a tensor holds at most {Array.MaxLength:N0} (one .NET array)."));
        }

        Numel = (int)count;
    }

    /// <summary>The number of elements: the product of the sizes (1 for a scalar).</summary>
    public int Numel { get; }

    /// <summary>The number of dimensions.</summary>
    public int Count => _sizes.Length;

    /// <summary>The size of dimension <paramref name="index"/>.</summary>
    public int this[int index] => _sizes[index];

    /// <summary>
    /// The shape that PyTorch's broadcasting gives two operands: sizes are aligned from the right,
    /// and where they differ one of them must be 1.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes cannot broadcast; the message names both.</exception>
    public static TensorShape Broadcast(TensorShape a, TensorShape b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int rank = Math.Max(a.Count, b.Count);
        var sizes = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int sa = i < rank - a.Count ? 1 : a[i - (rank - a.Count)];
            int sb = i < rank - b.Count ? 1 : b[i - (rank - b.Count)];
            if (sa != sb && sa != 1 && sb != 1)
            {
                throw new ArgumentException(
                    $"Shapes {a.Text()} and {b.Text()} cannot broadcast: the size of tensor a ({sa}) must match the size of tensor b ({sb}) at non-singleton dimension {i}.");
            }

            sizes[i] = sa == 1 ? sb : sa;
        }

        return new TensorShape(sizes);
    }

    /// <summary>Resolves a possibly negative dimension index as PyTorch does (-1 is the last).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The dimension does not exist.</exception>
    public int NormalizeDim(int dim)
    {
        int rank = Math.Max(Count, 1);
        if (dim < -rank || dim >= rank || Count == 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(dim),
                dim,
                $"Dimension out of range (expected to be in range of [{-rank}, {rank - 1}], but got {dim}) for a tensor of shape {Text()}.");
        }

        return dim < 0 ? dim + rank : dim;
    }

    /// <summary>The shape without dimension <paramref name="dim"/> (as a reduction over it leaves).</summary>
    public TensorShape Without(int dim) => new([.. _sizes[..dim], .. _sizes[(dim + 1)..]]);

    /// <summary>The sizes as an array (a copy).</summary>
    public int[] ToArray() => [.. _sizes];

    /// <summary>Row-major strides: how many elements one step along each dimension skips.</summary>
    internal int[] Strides()
    {
        var strides = new int[Count];
        int stride = 1;
        for (int i = Count - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= _sizes[i];
        }

        return strides;
    }

    /// <summary>The sizes as a list: <c>[1, 2]</c>.</summary>
    public string Text() => "[" + string.Join(", ", _sizes) + "]";

    /// <summary>PyTorch's text: <c>torch.Size([1, 2])</c>.</summary>
    public override string ToString() => $"torch.Size({Text()})";

    /// <inheritdoc/>
    public bool Equals(TensorShape? other) => other is not null && _sizes.AsSpan().SequenceEqual(other._sizes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TensorShape);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (int size in _sizes)
        {
            hash.Add(size);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)_sizes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
