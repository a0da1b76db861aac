using System.Buffers;

namespace Autograd;

/// <summary>
/// A gradient on its way through a backward pass: an array that may come from
/// <see cref="ArrayPool{T}.Shared"/>, with a count of the places that hold it.
/// </summary>
/// <remarks>
/// The ownership rule: whoever holds a reference must either hand it on (to exactly one
/// <c>Accumulate</c>) or <see cref="Release"/> it; a backward step that gives one buffer to two
/// operands (an addition) calls <see cref="Share"/> first. A buffer may be written in place only
/// while <see cref="Exclusive"/>, and it goes back to the pool when the last holder releases it.
/// No user-visible tensor ever wraps a pooled array: a leaf's <c>Grad</c> is always a copy, so a
/// returned array cannot show up later inside someone's gradient.
/// </remarks>
internal sealed class GradientBuffer<T>
    where T : unmanaged
{
    private int _holders = 1;
    private T[] _array;
    private readonly bool _pooled;

    private GradientBuffer(T[] array, int length, bool pooled)
    {
        _array = array;
        Length = length;
        _pooled = pooled;
    }

    /// <summary>How many values are in use (a pooled array may be longer).</summary>
    public int Length { get; }

    /// <summary>True when this is the only holder, so the values may be overwritten.</summary>
    public bool Exclusive => _holders == 1;

    public Span<T> Span => _holders > 0 ? _array.AsSpan(0, Length) : throw new InvalidOperationException("A gradient buffer was used after its release.");

    /// <summary>A pooled buffer of <paramref name="length"/> values with unspecified contents.</summary>
    public static GradientBuffer<T> Rent(int length) => new(ArrayPool<T>.Shared.Rent(length), length, pooled: true);

    /// <summary>A buffer over an array nobody else sees.</summary>
    public static GradientBuffer<T> Own(T[] array) => new(array, array.Length, pooled: false);

    /// <summary>One more holder: the same values go to a second place.</summary>
    public GradientBuffer<T> Share()
    {
        _holders++;
        return this;
    }

    /// <summary>Drops one holder; the last one returns a pooled array.</summary>
    public void Release()
    {
        if (--_holders == 0 && _pooled)
        {
            ArrayPool<T>.Shared.Return(_array);
            _array = [];
        }
    }
}
