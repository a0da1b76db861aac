using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Lectures.Browser;

/// <summary>
/// Collects a running cell's outputs in the order it makes them: printed text (consecutive prints
/// of one stream are one output, as in a terminal), displayed values, the returned value.
/// </summary>
internal sealed class CellOutputs
{
    private const string ChartTypeName = "Plotly.NET.GenericChart";
    private const int MaxItemsShown = 100;
    private readonly List<CellOutput> _outputs = [];

    public IReadOnlyList<CellOutput> Items => _outputs;

    public TextWriter Writer(string stream) => new StreamWriter(this, stream);

    public void Add(string kind, string text) => _outputs.Add(new CellOutput(kind, text));

    /// <summary>A value shown by <c>display(...)</c> or returned by the cell's last expression.</summary>
    public void AddValue(object? value)
    {
        if (ChartJson(value) is { } figure)
        {
            Add("chart", figure);
            return;
        }

        Add("text", Format(value));
    }

    private void Append(string stream, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (_outputs.Count > 0 && _outputs[^1].Kind == stream)
        {
            _outputs[^1] = _outputs[^1] with { Text = _outputs[^1].Text + text };
        }
        else
        {
            Add(stream, text);
        }
    }

    /// <summary>A value as plain text: a sequence lists its items, anything else is its own text.</summary>
    private static string Format(object? value)
    {
        switch (value)
        {
            case null:
                return "null";
            case string text:
                return text;
            case IFormattable formattable:
                return formattable.ToString(null, CultureInfo.CurrentCulture);
            case IEnumerable items when value.GetType().GetMethod("ToString", Type.EmptyTypes)?.DeclaringType == typeof(object):
                var list = new StringBuilder("[");
                int count = 0;
                foreach (object? item in items)
                {
                    if (count == MaxItemsShown)
                    {
                        list.Append(", ...");
                        break;
                    }

                    list.Append(count++ == 0 ? string.Empty : ", ").Append(Format(item));
                }

                return list.Append(']').ToString();
            default:
                return value.ToString() ?? string.Empty;
        }
    }

    /// <summary>The plotly.js figure of a Plotly.NET chart (found by type name, as the runner finds it), or null.</summary>
    private static string? ChartJson(object? value)
    {
        for (Type? type = value?.GetType(); type is not null; type = type.BaseType)
        {
            if (type.FullName == ChartTypeName)
            {
                return type.GetMethod("toJson", BindingFlags.Public | BindingFlags.Static)?.Invoke(null, [value]) as string;
            }
        }

        return null;
    }

    private sealed class StreamWriter(CellOutputs outputs, string stream) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => outputs.Append(stream, value.ToString());

        public override void Write(string? value) => outputs.Append(stream, value ?? string.Empty);

        public override void Write(char[] buffer, int index, int count) => outputs.Append(stream, new string(buffer, index, count));
    }
}
