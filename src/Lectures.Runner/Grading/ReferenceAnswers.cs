using Lectures.Runner.Execution;
using Lectures.Runner.Notebooks;

namespace Lectures.Runner.Grading;

/// <summary>
/// The instructor's solution run once per grading, in a sandbox of its own, on the grading run's
/// hidden inputs: its check cells' answers are what every submission's answers are compared with.
/// </summary>
internal static class ReferenceAnswers
{
    /// <summary>
    /// Runs the assignment and returns each exercise's answer record; no records and a problem when the solution does not give a complete, non-recursive answer
    /// for every exercise (then no submission could be graded fairly).
    /// </summary>
    public static async Task<(IReadOnlyDictionary<string, AnswerRecord>? References, string? Problem)> RunAsync(
        Assignment assignment, RunSettings settings, CancellationToken cancellationToken)
    {
        (NotebookDocument notebook, IReadOnlyDictionary<int, CheckCell> checks, _) = assignment.RestoreChecks(assignment.Notebook);
        NotebookRun run = await IsolatedNotebookRunner.RunAsync(notebook, settings with { CheckCells = checks.Keys.ToHashSet() }, onCellFinished: null, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        List<string> cells = [.. notebook.CodeCells.Select(c => c.Source)];
        var references = new Dictionary<string, AnswerRecord>(StringComparer.Ordinal);
        foreach ((int number, CheckCell check) in checks)
        {
            List<AnswerRecord> records = [.. (run.Answers.GetValueOrDefault(number) ?? []).Select(AnswerRecord.Parse).OfType<AnswerRecord>()];
            foreach (string exercise in check.Exercises)
            {
                AnswerRecord? record = records.SingleOrDefault(r => r.Exercise == exercise);
                string? wrong = record is null
                    ? $"its check sent no answers ({FirstFailure(run, number) ?? run.Cells.GetValueOrDefault(number)?.Error ?? run.Failure ?? "did the check cell run?"})"
                    : record.End != "completed"
                        ? $"its own solution does not pass its check: {record.Message ?? record.End}"
                        : record.Answers.FirstOrDefault(a => a.Kind == "code" && RecursionInSource.FindCycle(cells, a.Value) is not null) is { } recursive
                            ? $"its own solution of {recursive.Value} is recursive"
                            : null;
                if (wrong is not null)
                {
                    return (null, $"{assignment.Name}, exercise {exercise}: {wrong}");
                }

                references[exercise] = record!;
            }
        }

        return (references, null);
    }

    /// <summary>The first cell before the check cell that failed, in words: the cause a check's own error (a name that does not exist) only shows.</summary>
    private static string? FirstFailure(NotebookRun run, int checkCell) =>
        run.Cells.Where(c => c.Key < checkCell && c.Value.Error is not null).OrderBy(c => c.Key).Select(c => $"cell {c.Key} failed first: {c.Value.Error}").FirstOrDefault();
}
