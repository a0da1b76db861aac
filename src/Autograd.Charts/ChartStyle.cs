using System.Globalization;

namespace Autograd.Charts;

/// <summary>
/// The look every chart shares, sized for a projector: no text under 16 px (a lecture hall's back
/// row reads 16 px at 1280x720), colours that survive a washed-out beamer.
/// </summary>
internal static class ChartStyle
{
    public const int FontSize = 18;
    public const int TitleFontSize = 22;
    public const string FontFamily = "Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";
    public const string CodeFontFamily = "'DejaVu Sans Mono', 'Liberation Mono', Consolas, monospace";

    public const string VariableFill = "#9ecae1";
    public const string VariableLine = "#08519c";
    public const string ConstantFill = "#f2f2f2";
    public const string LeafFill = "#deebf7";
    public const string ConstantLine = "#737373";
    public const string OperationFill = "#fdd0a2";
    public const string OperationLine = "#a63603";
    public const string OutputFill = "#fd8d3c";
    public const string SummaryFill = "#ffffff";

    public const string WaitingFill = "#e8e8e8";
    public const string FilledFill = "#fee391";
    public const string CurrentFill = "#fd8d3c";
    public const string DoneFill = "#a1d99b";

    /// <summary>A value as the lecture's repr prints it: 4 decimals.</summary>
    public static string Fixed(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    /// <summary>A number in a caption: at most 4 decimals, no trailing zeros (1, 0.5, 1.1915).</summary>
    public static string Short(double value)
    {
        if (value == 0 || double.IsNaN(value) || double.IsInfinity(value) || Math.Abs(value) >= 1e-4)
        {
            string text = value.ToString("0.####", CultureInfo.InvariantCulture);
            return text == "-0" ? "0" : text;
        }

        return value.ToString("0.###e+0", CultureInfo.InvariantCulture);
    }

    /// <summary>Every digit, for hover text.</summary>
    public static string Full(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A coloured square and its meaning, for a legend written as text.</summary>
    public static string Swatch(string color, string meaning) =>
        $"<span style=\"color:{color}\">■</span> {meaning}";

    /// <summary>The font settings every layout starts from.</summary>
    public static object Font(int size = FontSize) => new { family = FontFamily, size, color = "#111" };

    /// <summary>The font of code: captions that read like the lecture's statements.</summary>
    public static object CodeFont(int size = FontSize) => new { family = CodeFontFamily, size, color = "#111" };
}
