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
    /// exponent written <c>2</c> prints as <c>power 2</c>. Otherwise the text is CPython's: the
    /// shortest digits that read back to the same double, in positional notation while the decimal
    /// exponent is from -4 to 15 and in scientific notation outside (<c>1.1914656577245382</c>,
    /// <c>0.0001</c>, <c>1e-05</c>, <c>9007199254740992</c>, <c>1e+16</c>,
    /// <c>2251799813685248.5</c>).
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

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        // .NET's "R" gives the shortest round-trip digits (as CPython's repr does) but switches to
        // scientific notation at other exponents; take its digits and lay them out as CPython does.
        string shortest = value.ToString("R", CultureInfo.InvariantCulture);
        int start = shortest[0] == '-' ? 1 : 0;
        int e = shortest.IndexOf('E', StringComparison.Ordinal);
        string mantissa = e < 0 ? shortest[start..] : shortest[start..e];
        int exponent = e < 0 ? 0 : int.Parse(shortest.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string digits = dot < 0 ? mantissa : string.Concat(mantissa.AsSpan(0, dot), mantissa.AsSpan(dot + 1));
        int pointAt = (dot < 0 ? mantissa.Length : dot) + exponent;
        int leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits[leadingZeros..].TrimEnd('0');
        pointAt -= leadingZeros;

        var text = new System.Text.StringBuilder(32);
        if (start == 1)
        {
            text.Append('-');
        }

        if (pointAt > -4 && pointAt <= 16)
        {
            if (pointAt <= 0)
            {
                text.Append("0.").Append('0', -pointAt).Append(digits);
            }
            else if (pointAt >= digits.Length)
            {
                text.Append(digits).Append('0', pointAt - digits.Length);
            }
            else
            {
                text.Append(digits, 0, pointAt).Append('.').Append(digits, pointAt, digits.Length - pointAt);
            }
        }
        else
        {
            text.Append(digits[0]);
            if (digits.Length > 1)
            {
                text.Append('.').Append(digits, 1, digits.Length - 1);
            }

            int scientific = pointAt - 1;
            text.Append('e').Append(scientific < 0 ? '-' : '+')
                .Append(Math.Abs(scientific).ToString("00", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>
    /// A number as Python's <c>repr</c> shows a <c>float</c>: <see cref="Repr"/>, with the <c>.0</c>
    /// that marks a whole float (<c>50.0</c>, <c>-0.0</c>, <c>1e+16</c>). micrograd's demo prints its
    /// accuracy, <c>acc*100</c>, as a float: <c>accuracy 50.0%</c>, and <c>56.99999999999999%</c>
    /// where the product is not whole.
    /// </summary>
    public static string FloatRepr(double value)
    {
        string text = Repr(value);
        return double.IsFinite(value) && text.AsSpan().IndexOfAny('.', 'e') < 0 ? text + ".0" : text;
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
