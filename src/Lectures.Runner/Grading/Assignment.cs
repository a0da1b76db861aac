using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lectures.Runner;

/// <summary>
/// The instructor's exercises notebook as the grader reads it: which cells are checks, which
/// exercises they check, and where each check stands, so that the instructor's checks (not a
/// student's edited copy) decide every grade.
/// </summary>
internal sealed partial class Assignment
{
    private Assignment(string name, IReadOnlyList<CheckCell> checks)
    {
        Name = name;
        Checks = checks;
        Exercises = [.. checks.SelectMany(c => c.Exercises)];
    }

    /// <summary>The notebook's file name.</summary>
    public string Name { get; }

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
        NotebookFile notebook = NotebookFile.Load(path);
        JsonArray cells = NotebookJson.Cells(NotebookJson.Read(notebook));
        var checks = new List<CheckCell>();
        var predecessors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = (JsonObject)cells[i]!;
            string where = $"{notebook.Name}: cell {i + 1}";
            string? id = NotebookJson.Id(cell);
            string source = NotebookJson.Source(cell);
            List<string> exercises = NotebookJson.IsCode(cell) ? [.. CheckCall().Matches(source).Select(m => m.Groups[1].Value)] : [];
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

                var clean = (JsonObject)cell.DeepClone();
                NotebookJson.ClearOutputs(clean);
                checks.Add(new CheckCell(id, clean, exercises, [.. Enumerable.Reverse(predecessors)]));
            }

            if (id is not null)
            {
                predecessors.Add(id);
            }
        }

        return checks.Count > 0
            ? new Assignment(notebook.Name, checks)
            : throw new GradingException($"{notebook.Name}: no cell calls Exercise.Check(\"<id>\", ...), so there is nothing to grade.");
    }

    /// <summary>
    /// Puts the instructor's check cells into a submission: a cell with a check's id, whatever the
    /// student made of it (edited, turned into markdown), becomes the instructor's check again where
    /// it stands when that is after the nearest cell that preceded it in the assignment; one moved
    /// elsewhere, or deleted, goes back right after that cell. Every other cell of the student's,
    /// added ones too, stays as it is.
    /// </summary>
    /// <param name="submission">The submission's notebook JSON, changed in place.</param>
    /// <param name="changed">The exercises whose check cell was not the instructor's, or not where it belongs.</param>
    /// <returns>The check cells by their cell number (from 1) in the changed submission.</returns>
    /// <exception cref="GradingException">The submission has no cell ids to match by.</exception>
    public IReadOnlyDictionary<int, CheckCell> RestoreChecks(JsonObject submission, out IReadOnlyList<string> changed)
    {
        JsonArray cells = NotebookJson.Cells(submission);
        if (cells.Count > 0 && cells.All(c => c is not JsonObject cell || NotebookJson.Id(cell) is null))
        {
            throw new GradingException("its cells have no ids, so they cannot be matched with the assignment's (save it as nbformat 4.5, as Jupyter and VS Code do)");
        }

        foreach (JsonObject cell in cells.OfType<JsonObject>())
        {
            NotebookJson.ClearOutputs(cell);
        }

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
                var cell = (JsonObject)cells[index]!;
                bool same = NotebookJson.IsCode(cell) && Normalise(NotebookJson.Source(cell)) == Normalise(NotebookJson.Source(check.Cell));
                bool inPlace = index > home && Enumerable.Range(home + 1, index - home - 1).All(i => cells[i] is not JsonObject c || NotebookJson.Id(c) is not { } id || !Checks.Any(k => k.Id == id));
                if (!same || !inPlace)
                {
                    changes.AddRange(check.Exercises);
                }

                if (inPlace)
                {
                    // Where it belongs, perhaps after cells the student added for it: it stays there.
                    cells[index] = check.Cell.DeepClone();
                    continue;
                }

                cells.RemoveAt(index);
                home = check.Predecessors.Select(p => IndexOf(cells, p)).FirstOrDefault(i => i >= 0, -1);
            }

            cells.Insert(home >= 0 ? home + 1 : check.Predecessors.Count == 0 ? 0 : cells.Count, check.Cell.DeepClone());
        }

        changed = changes;
        return Checks.ToDictionary(c => IndexOf(cells, c.Id) + 1);
    }

    private static string Normalise(string source) =>
        string.Join('\n', source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).Trim();

    private static int IndexOf(JsonArray cells, string id)
    {
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is JsonObject cell && NotebookJson.Id(cell) == id)
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex("""\bExercise\.Check\(\s*"([a-z0-9-]+)"\s*,""")]
    private static partial Regex CheckCall();
}
