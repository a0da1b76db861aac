using System.Globalization;
using System.Runtime.CompilerServices;

namespace Autograd;

/// <summary>
/// Where every tensor's values come from: checks the size before allocating, so a shape that
/// cannot fit fails with a message naming the shape, the element count and the bytes instead of
/// an unexplained <see cref="OutOfMemoryException"/> (or a machine that starts swapping).
/// </summary>
internal static class TensorStorage
{
    /// <summary>Sizes above this are checked against the memory the process may use.</summary>
    private const long CheckAboveBytes = 64L << 20;

    /// <summary>An array for <paramref name="shape"/> whose contents the caller overwrites completely.</summary>
    public static T[] Allocate<T>(TensorShape shape)
        where T : unmanaged => Allocate<T>(shape, zeroed: false);

    /// <summary>An array of zeros for <paramref name="shape"/>.</summary>
    public static T[] AllocateZeroed<T>(TensorShape shape)
        where T : unmanaged => Allocate<T>(shape, zeroed: true);

    private static T[] Allocate<T>(TensorShape shape, bool zeroed)
        where T : unmanaged
    {
        int count = shape.Numel;
        long bytes = (long)count * Unsafe.SizeOf<T>();
        if (bytes > CheckAboveBytes)
        {
            EnsureFits<T>(shape, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        }

        try
        {
            // Fresh GC memory is zeroed; skipping that for a buffer that is about to be filled saves a pass.
            return zeroed ? new T[count] : GC.AllocateUninitializedArray<T>(count);
        }
        catch (OutOfMemoryException e)
        {
            throw TooLarge<T>(shape, bytes, "more than is free now", e);
        }
    }

    /// <summary>Throws when the values of <paramref name="shape"/> need more than <paramref name="availableBytes"/>.</summary>
    internal static void EnsureFits<T>(TensorShape shape, long availableBytes)
        where T : unmanaged
    {
        long bytes = (long)shape.Numel * Unsafe.SizeOf<T>();
        if (bytes > availableBytes)
        {
            throw TooLarge<T>(shape, bytes, $"more than the {Bytes(availableBytes)} this process may use");
        }
    }

    private static InsufficientMemoryException TooLarge<T>(TensorShape shape, long bytes, string why, Exception? inner = null) =>
        new(string.Create(CultureInfo.InvariantCulture, $"A {typeof(T).Name} tensor of shape {shape.Text()} has {shape.Numel:N0} elements ({Bytes(bytes)}), {why}."), inner);

    private static string Bytes(long bytes) => bytes >= 1L << 30
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F1} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F1} MiB");
}
