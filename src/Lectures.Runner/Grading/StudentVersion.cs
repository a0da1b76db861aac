using Lectures.Runner.Notebooks;

namespace Lectures.Runner.Grading;

/// <summary>
/// The notebook a student receives: the instructor's notebook with every solution region replaced
/// by a stub that throws <see cref="NotImplementedException"/> and every output cleared, with cell
/// ids and metadata kept so that the grader can match the student's cells with the instructor's.
/// </summary>
internal static class StudentVersion
{
    /// <summary>True when some code cell of the notebook has a solution marker.</summary>
    public static bool HasSolutions(NotebookDocument notebook) =>
        notebook.CodeCells.Any(c => SolutionRegions.HasMarkers(c.Source));

    /// <summary>The student version.</summary>
    /// <exception cref="SolutionRegionException">Markers that do not pair up, naming the cell and line.</exception>
    public static NotebookDocument Create(NotebookDocument notebook) =>
        notebook.WithCells(notebook.Cells.Select(cell => cell.IsCode && SolutionRegions.HasMarkers(cell.Source)
            ? cell.WithoutOutputs() with { Source = SolutionRegions.Replace(cell.Source, $"{notebook.Name}: cell {cell.Number}") }
            : cell.WithoutOutputs()));
}
