using System.Globalization;
using Lectures.Runner.Execution;
using Lectures.Runner.Notebooks;

namespace Lectures.Runner.Grading;

/// <summary>
/// Turns a run of a submission into grades: the verdict lines of the instructor's check cells
/// count, and nothing else the notebook printed does.
/// </summary>
internal static class SubmissionGrader
{
    public static SubmissionGrade Grade(string submission, IReadOnlyDictionary<int, CheckCell> checks, NotebookRun run, string page)
    {
        var grades = new Dictionary<string, ExerciseGrade>(StringComparer.Ordinal);
        foreach ((int number, CheckCell check) in checks)
        {
            CellResult? result = run.Cells.GetValueOrDefault(number);
            IReadOnlyDictionary<string, ExerciseGrade> verdicts = VerdictLine.Parse(string.Concat(
                (result?.Outputs ?? []).OfType<StreamOutput>().Where(o => o.Name == "stdout").Select(o => o.Text)));
            bool diedHere = run.FailedCellNumber == number && run.Outcome is NotebookOutcome.Crashed or NotebookOutcome.TimedOut;
            foreach (string exercise in check.Exercises)
            {
                grades[exercise] = verdicts.GetValueOrDefault(exercise) ?? (result is null || diedHere
                    ? NotRun(run, number)
                    : new ExerciseGrade(ExerciseStatus.Failed, result.Error is null
                        ? "the check printed no verdict"
                        : $"the check could not run: {FirstLine(result.Error)}"));
            }
        }

        return new SubmissionGrade(submission, grades, RunText(run, checks), page);
    }

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
