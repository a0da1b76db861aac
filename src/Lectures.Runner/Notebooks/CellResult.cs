namespace Lectures.Runner.Notebooks;

/// <summary>What running one code cell produced.</summary>
/// <param name="ExecutionCount">The cell's execution count, from 1 in each notebook.</param>
/// <param name="Outputs">Its outputs in the order they appeared.</param>
/// <param name="Error">Why it failed, or null when it ran.</param>
/// <param name="Elapsed">How long it took.</param>
internal sealed record CellResult(int ExecutionCount, IReadOnlyList<CellOutput> Outputs, string? Error, TimeSpan Elapsed)
{
    public bool Succeeded => Error is null;
}
