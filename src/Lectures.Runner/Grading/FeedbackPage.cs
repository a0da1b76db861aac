using System.Globalization;
using Lectures.Runner.Execution;
using Lectures.Runner.Notebooks;
using Lectures.Runner.Rendering;

namespace Lectures.Runner.Grading;

/// <summary>
/// The page a teacher can hand one student: their notebook as it ran, with each check cell's output
/// replaced by the grade of its exercises and the grader's message. A check's output while grading
/// holds no hidden input (the check keeps back what the student's code printed during it), and a
/// grader's message quotes only the instructor's descriptions, so nothing of the hidden inputs or
/// the solution is on it.
/// </summary>
internal static class FeedbackPage
{
    /// <summary>Where a submission's feedback page goes: beside its executed copy.</summary>
    public static string PathFor(string executedPath) => Path.ChangeExtension(executedPath, ".feedback.html");

    public static string Render(NotebookRun run, IReadOnlyDictionary<int, CheckCell> checks, SubmissionGrade grade, string? plotlyJs)
    {
        var cells = new Dictionary<int, CellResult>(run.Cells);
        foreach ((int number, CheckCell check) in checks)
        {
            string text = string.Concat(check.Exercises.Select(e => grade.Exercises.TryGetValue(e, out ExerciseGrade? g)
                ? $"Exercise {e}: {g.Status.Text()}{(g.Detail is null ? string.Empty : ": " + g.Detail)}\n"
                : string.Empty));
            CellResult? ran = cells.GetValueOrDefault(number);
            cells[number] = new CellResult(ran?.ExecutionCount ?? 0, [new StreamOutput("stdout", text)], null, ran?.Elapsed ?? TimeSpan.Zero);
        }

        int last = cells.Keys.DefaultIfEmpty(0).Max();
        cells[last] = cells.TryGetValue(last, out CellResult? end)
            ? end with { Outputs = [.. end.Outputs, new StreamOutput("stdout", string.Create(CultureInfo.InvariantCulture, $"\nGraded: {grade.Passed} of {grade.Exercises.Count} passed ({grade.Run}).\n"))] }
            : new CellResult(0, [], null, TimeSpan.Zero);
        NotebookDocument shown = run.Notebook.WithResults(cells);
        return HtmlPage.Render(NotebookContent.Build(shown, drawCharts: plotlyJs is not null), plotlyJs);
    }
}
