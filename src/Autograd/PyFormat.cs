using System.Globalization;

namespace Autograd;

/// <summary>
/// Formats numbers the way the lecture's Python prints them, so a C# cell's output can be read
/// side by side with the lecture's.
/// </summary>
public static class PyFormat
{
    /// <summary>
    /// A number as Python's <c>repr</c> shows it, except that a whole number prints without
    /// <c>.0</c>: the lecture's gradients start as the integers <c>0</c> and <c>1</c>, and an
    /// exponent written <c>2</c> prints as <c>power 2</c>. Other values use the shortest text that
    /// reads back to the same double, as Python does (<c>1.1914656577245382</c>, <c>1e-05</c>).
    /// </summary>
    public static string Repr(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == Math.Floor(value) && Math.Abs(value) < 1e16)
        {
            return value.ToString("0", CultureInfo.InvariantCulture);
        }

        return value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
    }

    /// <summary>Python's <c>f"{value: .4f}"</c>: a space where a positive number has no sign.</summary>
    public static string SpaceSigned(double value, int decimals = 4)
    {
        if (double.IsNaN(value))
        {
            return " nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? " inf" : "-inf";
        }

        string sign = double.IsNegative(value) ? "-" : " ";
        return sign + Math.Abs(value).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
