using System.Globalization;
using Lectures.Runner.Execution;
using Lectures.Runner.Notebooks;

namespace Lectures.Runner.Grading;

/// <summary>
/// Turns a run of a submission into grades: the answers the instructor's check cells sent, compared
/// here with the solution's answers on the same hidden inputs, count; nothing the notebook printed does.
/// </summary>
internal static class SubmissionGrader
{
    /// <param name="submission">The row's name.</param>
    /// <param name="checks">The check cells by cell number in the graded notebook.</param>
    /// <param name="run">The submission's run.</param>
    /// <param name="page">Its page, relative to the output folder.</param>
    /// <param name="references">The solution's answer record of each exercise.</param>
    /// <param name="cells">The graded notebook's code cells, for checks that read code.</param>
    /// <param name="changed">The exercises whose check cell the student had changed, moved or deleted (restored before the run).</param>
    public static SubmissionGrade Grade(
        string submission, IReadOnlyDictionary<int, CheckCell> checks, NotebookRun run, string page,
        IReadOnlyDictionary<string, AnswerRecord> references, IReadOnlyList<string> cells, IReadOnlyCollection<string> changed)
    {
        var grades = new Dictionary<string, ExerciseGrade>(StringComparer.Ordinal);
        foreach ((int number, CheckCell check) in checks)
        {
            CellResult? result = run.Cells.GetValueOrDefault(number);
            IReadOnlyList<string> records = run.Answers.GetValueOrDefault(number) ?? [];
            bool diedHere = run.FailedCellNumber == number && run.Outcome is NotebookOutcome.Crashed or NotebookOutcome.TimedOut;
            foreach (string exercise in check.Exercises)
            {
                ExerciseGrade grade = AnswerComparison.Grade(exercise, records, references[exercise], cells) ?? (result is null || diedHere
                    ? NotRun(run, number)
                    : new ExerciseGrade(ExerciseStatus.Failed, result.Error is null
                        ? "the check sent no answers"
                        : $"the check could not run: {FirstLine(result.Error)}"));
                grades[exercise] = changed.Contains(exercise)
                    ? grade with { Detail = $"the check cell had been changed and was restored{(grade.Detail is null ? string.Empty : "; " + grade.Detail)}" }
                    : grade;
            }
        }

        return new SubmissionGrade(submission, grades, RunText(run, checks) + ChangedText(changed), page);
    }

    private static string ChangedText(IReadOnlyCollection<string> changed) =>
        changed.Count == 0 ? string.Empty : $"; check cell{(changed.Count == 1 ? string.Empty : "s")} of {string.Join(", ", changed)} changed by the student, restored";

    /// <summary>A check that never ran: it is charged to whatever ended the run.</summary>
    private static ExerciseGrade NotRun(NotebookRun run, int cellNumber) => run.Outcome switch
    {
        NotebookOutcome.Crashed => new ExerciseGrade(ExerciseStatus.Crashed, run.Failure),
        NotebookOutcome.TimedOut => new ExerciseGrade(ExerciseStatus.TimedOut, run.Failure),
        NotebookOutcome.CellFailed => new ExerciseGrade(ExerciseStatus.Failed, run.Failure),
        _ => new ExerciseGrade(ExerciseStatus.Crashed, run.Failure ?? string.Create(CultureInfo.InvariantCulture, $"cell {cellNumber} was not run")),
    };

    /// <summary>How the run went, naming the student's cells that failed (a compile error is worth a look).</summary>
    private static string RunText(NotebookRun run, IReadOnlyDictionary<int, CheckCell> checks)
    {
        bool ended = run.Outcome is NotebookOutcome.Crashed or NotebookOutcome.TimedOut;
        List<int> failed = [.. run.Cells.Where(c => !c.Value.Succeeded && !checks.ContainsKey(c.Key) && !(ended && c.Key == run.FailedCellNumber)).Select(c => c.Key).Order()];
        string cells = failed.Count == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"; {(failed.Count == 1 ? "cell" : "cells")} {string.Join(", ", failed)} failed");
        return run.Outcome switch
        {
            NotebookOutcome.Crashed => $"crashed: {run.Failure}{cells}",
            NotebookOutcome.TimedOut => $"timed out: {run.Failure}{cells}",
            // With later cells running after a failing one, a failed cell does not end the run; only nothing run at all does.
            NotebookOutcome.CellFailed when run.Cells.Count == 0 => $"could not run: {run.Failure}",
            NotebookOutcome.Cancelled => $"cancelled{cells}",
            _ => $"completed{cells}",
        };
    }

    private static string FirstLine(string text) => text.Split('\n')[0].TrimEnd('\r');
}
