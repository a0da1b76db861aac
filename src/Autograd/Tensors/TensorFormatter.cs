using System.Globalization;
using System.Text;

namespace Autograd;

/// <summary>
/// PyTorch's tensor printing (<c>torch/_tensor_str.py</c> with its default options): four decimals,
/// every element padded to the widest, whole numbers as <c>1.</c>, scientific notation when the
/// magnitudes span more than 1000x or leave [1e-4, 1e8), and at most 1000 elements before eliding
/// with <c>...</c> (three at each end of each dimension).
/// </summary>
internal static class TensorFormatter
{
    private const int Precision = 4;
    private const int Threshold = 1000;
    private const int EdgeItems = 3;

    public static string Format<T>(Tensor<T> tensor)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[] values = new double[tensor.Numel];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = double.CreateChecked(tensor[i]);
        }

        bool summarize = values.Length > Threshold;
        var style = Style.For(Shown(values, tensor.Shape, summarize));
        var text = new StringBuilder("tensor(");
        if (tensor.Shape.Count == 0)
        {
            text.Append(style.Format(values[0]).TrimStart());
        }
        else
        {
            AppendDim(text, values, tensor.Shape, 0, 0, style, summarize, "tensor(".Length);
        }

        if (typeof(T) == typeof(double))
        {
            text.Append(", dtype=torch.float64");
        }

        if (tensor.GradFn is not null)
        {
            text.Append(", grad_fn=<").Append(tensor.GradFn).Append('>');
        }
        else if (tensor.RequiresGrad)
        {
            text.Append(", requires_grad=True");
        }

        return text.Append(')').ToString();
    }

    private static void AppendDim(StringBuilder text, double[] values, TensorShape shape, int dim, int offset, Style style, bool summarize, int indent)
    {
        int size = shape[dim];
        int stride = 1;
        for (int i = dim + 1; i < shape.Count; i++)
        {
            stride *= shape[i];
        }

        text.Append('[');
        bool last = dim == shape.Count - 1;
        string separator = last ? ", " : "," + new string('\n', shape.Count - dim - 1) + new string(' ', indent + dim + 1);
        bool first = true;
        foreach (int k in Indices(size, summarize))
        {
            if (!first)
            {
                text.Append(separator);
            }

            first = false;
            if (k < 0)
            {
                text.Append(last ? " ..." : "...");
            }
            else if (last)
            {
                text.Append(style.Format(values[offset + k]));
            }
            else
            {
                AppendDim(text, values, shape, dim + 1, offset + (k * stride), style, summarize, indent);
            }
        }

        text.Append(']');
    }

    /// <summary>The indices shown along a dimension; -1 marks the elision.</summary>
    private static IEnumerable<int> Indices(int size, bool summarize)
    {
        if (summarize && size > 2 * EdgeItems)
        {
            for (int k = 0; k < EdgeItems; k++)
            {
                yield return k;
            }

            yield return -1;
            for (int k = size - EdgeItems; k < size; k++)
            {
                yield return k;
            }
        }
        else
        {
            for (int k = 0; k < size; k++)
            {
                yield return k;
            }
        }
    }

    /// <summary>The values that will be printed (all, or the edges when summarizing): the style depends only on them.</summary>
    private static List<double> Shown(double[] values, TensorShape shape, bool summarize)
    {
        var shown = new List<double>();
        if (shape.Count == 0)
        {
            shown.Add(values[0]);
            return shown;
        }

        void Collect(int dim, int offset)
        {
            int stride = 1;
            for (int i = dim + 1; i < shape.Count; i++)
            {
                stride *= shape[i];
            }

            foreach (int k in Indices(shape[dim], summarize))
            {
                if (k < 0)
                {
                    continue;
                }

                if (dim == shape.Count - 1)
                {
                    shown.Add(values[offset + k]);
                }
                else
                {
                    Collect(dim + 1, offset + (k * stride));
                }
            }
        }

        Collect(0, 0);
        return shown;
    }

    private sealed class Style
    {
        private bool _intMode = true;
        private bool _sciMode;
        private int _width = 1;

        public static Style For(List<double> values)
        {
            var style = new Style();
            var finite = values.Where(v => double.IsFinite(v) && v != 0).ToList();
            if (finite.Count == 0)
            {
                return style;
            }

            double min = finite.Min(Math.Abs), max = finite.Max(Math.Abs);
            style._intMode = finite.All(v => v == Math.Ceiling(v));
            style._sciMode = max / min > 1000.0 || max > 1.0e8 || (!style._intMode && min < 1.0e-4);
            foreach (double v in finite)
            {
                int width = style._sciMode ? Sci(v).Length
                    : style._intMode ? v.ToString("F0", CultureInfo.InvariantCulture).Length + 1
                    : Fixed(v).Length;
                style._width = Math.Max(style._width, width);
            }

            return style;
        }

        public string Format(double value)
        {
            string text = _sciMode ? Sci(value)
                : _intMode ? value.ToString("F0", CultureInfo.InvariantCulture) + (double.IsFinite(value) ? "." : string.Empty)
                : Fixed(value);
            text = text.Replace("NaN", "nan", StringComparison.Ordinal).Replace("∞", "inf", StringComparison.Ordinal)
                .Replace("Infinity", "inf", StringComparison.Ordinal);
            return text.PadLeft(_width);
        }

        private static string Fixed(double value) =>
            value.ToString("F" + Precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

        private static string Sci(double value) =>
            double.IsFinite(value) ? value.ToString("0.0000e+00", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
    }
}
