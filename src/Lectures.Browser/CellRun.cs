namespace Lectures.Browser;

/// <summary>What running one cell gave, sent to the page as JSON.</summary>
/// <param name="State"><c>ok</c> or <c>failed</c>, the page's <c>data-cell-state</c> after the run.</param>
/// <param name="Outputs">The outputs in the order they were produced.</param>
/// <param name="BrowserLimit">
/// Set when the cell failed only because it needs what a browser cannot give (its own threads, a
/// process): the one line that says so, so a reader (and a test) can tell it from a mistake.
/// </param>
/// <param name="CompileMilliseconds">Time spent compiling the cell.</param>
/// <param name="RunMilliseconds">Time spent running it.</param>
public sealed record CellRun(string State, IReadOnlyList<CellOutput> Outputs, string? BrowserLimit, double CompileMilliseconds, double RunMilliseconds);
