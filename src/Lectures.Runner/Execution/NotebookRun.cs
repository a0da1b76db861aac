using Lectures.Runner.Notebooks;

namespace Lectures.Runner.Execution;

/// <summary>What running one notebook in its worker produced.</summary>
/// <param name="Notebook">The notebook as it ran: each code cell that ran or was running has its <see cref="NotebookCell.Result"/> (also the outputs printed before a crash or timeout).</param>
/// <param name="Outcome">How the run ended.</param>
/// <param name="Failure">One line saying what went wrong (<c>the kernel process ended during cell 7 (Down(0)): stack overflow</c>), null when it completed.</param>
/// <param name="FailedCellNumber">The first cell that failed, crashed or timed out.</param>
internal sealed record NotebookRun(NotebookDocument Notebook, NotebookOutcome Outcome, string? Failure, int? FailedCellNumber)
{
    /// <summary>The Plotly.NET assembly the notebook loaded, if any: the runner reads plotly.js from this file for its page.</summary>
    public string? PlotlyAssemblyPath { get; init; }

    /// <summary>The result of each code cell that ran or was running, by cell number.</summary>
    public IReadOnlyDictionary<int, CellResult> Cells { get; } =
        Notebook.CodeCells.Where(c => c.Result is not null).ToDictionary(c => c.Number, c => c.Result!);

    /// <summary>The answer records the check cells sent while grading, by cell number, in the order they came.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<string>> Answers { get; init; } = new Dictionary<int, IReadOnlyList<string>>();
}
