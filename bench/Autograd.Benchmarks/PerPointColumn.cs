using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Autograd.Benchmarks;

/// <summary>
/// Nanoseconds per point for a benchmark with an <c>N</c> parameter: this engine's median, PyTorch's
/// median from the same run (<see cref="PyTorchTiming"/>), or their ratio (below 1: faster than PyTorch).
/// </summary>
public sealed class PerPointColumn(PerPointColumn.Kind kind) : IColumn
{
    /// <summary>Which number the column shows.</summary>
    public enum Kind
    {
        Median,
        PyTorchMedian,
        RatioToPyTorch,
    }

    public string Id => $"{nameof(PerPointColumn)}.{kind}";

    public string ColumnName => kind switch
    {
        Kind.Median => "ns/point",
        Kind.PyTorchMedian => "PyTorch ns/point",
        _ => "vs PyTorch",
    };

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => (int)kind;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => kind switch
    {
        Kind.Median => "Median time divided by N",
        Kind.PyTorchMedian => "PyTorch 1.13 (float64, one thread), median of repeats divided by N, the better of two measurements in this run (global setup and cleanup)",
        _ => "ns/point divided by PyTorch ns/point (below 1: faster than PyTorch)",
    };

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Parameters["N"] is not int n)
        {
            return "-";
        }

        double? ours = summary[benchmarkCase]?.ResultStatistics?.Median / n;
        (double? torch, string torchText) = PyTorchTiming.Read(n);
        return kind switch
        {
            Kind.Median => ours is double o ? o.ToString("F1", CultureInfo.InvariantCulture) : "-",
            Kind.PyTorchMedian => torchText,
            _ => ours is double o && torch is double t ? (o / t).ToString("F2", CultureInfo.InvariantCulture) : "-",
        };
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
