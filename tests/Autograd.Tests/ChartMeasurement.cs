namespace Autograd.Tests;

/// <summary>What <see cref="ChartLegibilityTests"/> measured on one drawn chart.</summary>
internal sealed record ChartMeasurement(double MinFontPx, string SmallestText, string[] Overlaps, string[] Clipped, double GraphShare, double FigureHeight, double FigureWidth, bool HasSlider, int TextCount);
