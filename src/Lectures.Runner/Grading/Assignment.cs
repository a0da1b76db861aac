using System.Text.RegularExpressions;
using Lectures.Runner.Notebooks;

namespace Lectures.Runner.Grading;

/// <summary>
/// The instructor's exercises notebook as the grader reads it: which cells are checks, which
/// exercises they check, and where each check stands, so that the instructor's checks (not a
/// student's edited copy) decide every grade.
/// </summary>
internal sealed partial class Assignment
{
    private Assignment(NotebookDocument notebook, IReadOnlyList<CheckCell> checks)
    {
        Notebook = notebook;
        Checks = checks;
        Exercises = [.. checks.SelectMany(c => c.Exercises)];
    }

    /// <summary>The instructor's notebook, as read.</summary>
    public NotebookDocument Notebook { get; }

    /// <summary>The notebook's file name.</summary>
    public string Name => Notebook.Name;

    /// <summary>The check cells in notebook order.</summary>
    public IReadOnlyList<CheckCell> Checks { get; }

    /// <summary>Every exercise id, in the order the notebook checks them: the grade table's columns.</summary>
    public IReadOnlyList<string> Exercises { get; }

    /// <summary>Reads the instructor's notebook and finds its check cells.</summary>
    /// <exception cref="NotebookFormatException">The file is not a notebook.</exception>
    /// <exception cref="SolutionRegionException">Its solution markers do not pair up.</exception>
    /// <exception cref="GradingException">It has no checks, a check without a cell id, a check mixed with a solution, or an exercise id twice.</exception>
    public static Assignment Load(string path)
    {
        NotebookDocument notebook = NotebookDocument.Load(path);
        IReadOnlyList<NotebookCell> cells = notebook.Cells;
        var checks = new List<CheckCell>();
        var predecessors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < cells.Count; i++)
        {
            NotebookCell cell = cells[i];
            string where = $"{notebook.Name}: cell {cell.Number}";
            string? id = cell.Id;
            string source = cell.Source;
            List<string> exercises = cell.IsCode ? [.. CheckCall().Matches(source).Select(m => m.Groups[1].Value)] : [];
            if (SolutionRegions.HasMarkers(source))
            {
                _ = SolutionRegions.Replace(source, where);
                if (exercises.Count > 0)
                {
                    throw new GradingException($"{where} calls Exercise.Check and holds a solution region; keep each check in a cell of its own, or the solution would be put back into every submission.");
                }
            }

            if (exercises.Count > 0)
            {
                if (id is null)
                {
                    throw new GradingException($"{where} is a check cell without a cell id; save the notebook as nbformat 4.5 so that submissions can be matched with it.");
                }

                if (!seen.Add($"cell id {id}"))
                {
                    throw new GradingException($"{where} has the cell id '{id}' of an earlier cell; check cells need ids of their own.");
                }

                string? repeated = exercises.FirstOrDefault(e => !seen.Add(e));
                if (repeated is not null)
                {
                    throw new GradingException($"{where} checks exercise '{repeated}' a second time; exercise ids must be unique.");
                }

                checks.Add(new CheckCell(id, cell.WithoutOutputs(), exercises, [.. Enumerable.Reverse(predecessors)]));
            }

            if (id is not null)
            {
                predecessors.Add(id);
            }
        }

        return checks.Count > 0
            ? new Assignment(notebook, checks)
            : throw new GradingException($"{notebook.Name}: no cell calls Exercise.Check(\"<id>\", ...), so there is nothing to grade.");
    }

    /// <summary>
    /// Puts the instructor's check cells into a submission: a cell with a check's id, whatever the
    /// student made of it (edited, turned into markdown), becomes the instructor's check again where
    /// it stands when that is after the nearest cell that preceded it in the assignment; one moved
    /// elsewhere, or deleted, goes back right after that cell. Every other cell of the student's,
    /// added ones too, stays as it is. Outputs are cleared: what is graded is what runs now.
    /// </summary>
    /// <returns>The submission to run, its check cells by their cell number (from 1), and the exercises whose check cell was not the instructor's, or not where it belongs.</returns>
    /// <exception cref="GradingException">The submission has no cell ids to match by.</exception>
    public (NotebookDocument Submission, IReadOnlyDictionary<int, CheckCell> Checks, IReadOnlyList<string> Changed) RestoreChecks(NotebookDocument submission)
    {
        if (submission.Cells.Count > 0 && submission.Cells.All(c => c.Id is null))
        {
            throw new GradingException("its cells have no ids, so they cannot be matched with the assignment's (save it as nbformat 4.5, as Jupyter and VS Code do)");
        }

        List<NotebookCell> cells = [.. submission.Cells.Select(c => c.WithoutOutputs())];
        var changes = new List<string>();
        foreach (CheckCell check in Checks)
        {
            int index = IndexOf(cells, check.Id);
            int home = check.Predecessors.Select(p => IndexOf(cells, p)).FirstOrDefault(i => i >= 0, -1);
            if (index < 0)
            {
                changes.AddRange(check.Exercises);
            }
            else
            {
                NotebookCell cell = cells[index];
                bool same = cell.IsCode && Normalise(cell.Source) == Normalise(check.Cell.Source);
                bool inPlace = index > home && Enumerable.Range(home + 1, index - home - 1).All(i => cells[i].Id is not { } id || !Checks.Any(k => k.Id == id));
                if (!same || !inPlace)
                {
                    changes.AddRange(check.Exercises);
                }

                if (inPlace)
                {
                    // Where it belongs, perhaps after cells the student added for it: it stays there.
                    cells[index] = check.Cell;
                    continue;
                }

                cells.RemoveAt(index);
                home = check.Predecessors.Select(p => IndexOf(cells, p)).FirstOrDefault(i => i >= 0, -1);
            }

            cells.Insert(home >= 0 ? home + 1 : check.Predecessors.Count == 0 ? 0 : cells.Count, check.Cell);
        }

        return (submission.WithCells(cells), Checks.ToDictionary(c => IndexOf(cells, c.Id) + 1), changes);
    }

    private static string Normalise(string source) =>
        string.Join('\n', source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).Trim();

    private static int IndexOf(List<NotebookCell> cells, string id) => cells.FindIndex(c => c.Id == id);

    [GeneratedRegex("""\bExercise\.Check\(\s*"([a-z0-9-]+)"\s*,""")]
    private static partial Regex CheckCall();
}
