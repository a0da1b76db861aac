using System.Text.Json.Nodes;

namespace Lectures.Runner;

/// <summary>
/// The notebook a student receives: the instructor's notebook with every solution region replaced
/// by a stub that throws <see cref="NotImplementedException"/> and every output cleared, with cell
/// ids and metadata kept so that the grader can match the student's cells with the instructor's.
/// </summary>
internal static class StudentVersion
{
    /// <summary>True when some code cell of the notebook has a solution marker.</summary>
    public static bool HasSolutions(NotebookFile notebook) =>
        NotebookJson.Cells(NotebookJson.Read(notebook)).OfType<JsonObject>().Any(c => NotebookJson.IsCode(c) && SolutionRegions.HasMarkers(NotebookJson.Source(c)));

    /// <summary>The student version's JSON.</summary>
    /// <exception cref="SolutionRegionException">Markers that do not pair up, naming the cell and line.</exception>
    public static string Create(NotebookFile notebook)
    {
        JsonObject json = NotebookJson.Read(notebook);
        JsonArray cells = NotebookJson.Cells(json);
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || !NotebookJson.IsCode(cell))
            {
                continue;
            }

            string source = NotebookJson.Source(cell);
            if (SolutionRegions.HasMarkers(source))
            {
                NotebookJson.SetSource(cell, SolutionRegions.Replace(source, $"{notebook.Name}: cell {i + 1}"));
            }

            NotebookJson.ClearOutputs(cell);
        }

        return NotebookJson.Write(json);
    }
}
