using System.Globalization;

namespace Lectures.Runner.Grading;

/// <summary>
/// Decides an exercise in the grader's own process: the submission's answers against the
/// instructor's solution's answers on the same hidden inputs. The messages quote the instructor's
/// descriptions of the answers, never a hidden input, an expected value or the solution.
/// </summary>
internal static class AnswerComparison
{
    /// <summary>The longest part of a message a submission chose (its exception's message) that a grade quotes.</summary>
    private const int MaxQuotedChars = 300;

    /// <summary>The grade of <paramref name="exercise"/> from the records its check cell sent, or null when it sent none.</summary>
    /// <param name="exercise">The exercise id.</param>
    /// <param name="records">What the check cell sent (untrusted: forged, repeated or garbled records are possible).</param>
    /// <param name="reference">The instructor's solution's record for the exercise.</param>
    /// <param name="cells">The submission's code cells as graded, for the checks that read code.</param>
    public static ExerciseGrade? Grade(string exercise, IReadOnlyList<string> records, AnswerRecord reference, IReadOnlyList<string> cells)
    {
        List<AnswerRecord> mine = [.. records.Select(AnswerRecord.Parse).Where(r => r is not null && r.Exercise == exercise).Select(r => r!)];
        if (mine.Count == 0)
        {
            return null;
        }

        if (mine.Count > 1)
        {
            return new ExerciseGrade(ExerciseStatus.Failed, "the check's answers arrived more than once: something in the submission sent answers of its own");
        }

        AnswerRecord record = mine[0];
        if (record.End == "not-implemented")
        {
            return new ExerciseGrade(ExerciseStatus.NotAttempted, "not implemented yet");
        }

        int common = Math.Min(record.Answers.Count, reference.Answers.Count);
        for (int i = 0; i < common; i++)
        {
            Answer expected = reference.Answers[i];
            if (expected.Kind == "code")
            {
                if (RecursionInSource.FindCycle(cells, expected.Value) is { } cycle)
                {
                    return new ExerciseGrade(ExerciseStatus.Failed, $"{expected.What} is recursive ({string.Join(" calls ", cycle)}): a graph a few thousand nodes deep would overflow the stack; keep the nodes still to visit in a Stack<T> instead");
                }

                if (record.Answers[i].Kind != "code")
                {
                    return Wrong(expected);
                }

                continue;
            }

            if (!record.Answers[i].Matches(expected))
            {
                return Wrong(expected);
            }
        }

        if (record.End != "completed")
        {
            string why = record.Message is { Length: > 0 } m ? Quote(m) : "the check ended early";
            return new ExerciseGrade(ExerciseStatus.Failed, why);
        }

        return record.Answers.Count == reference.Answers.Count
            ? new ExerciseGrade(ExerciseStatus.Passed, null)
            : new ExerciseGrade(ExerciseStatus.Failed, string.Create(CultureInfo.InvariantCulture, $"the check got {record.Answers.Count} answers where the solution gives {reference.Answers.Count}"));
    }

    private static ExerciseGrade Wrong(Answer expected) => new(ExerciseStatus.Failed, expected.Kind switch
    {
        "condition" => $"{expected.What} (on the grader's inputs)",
        "sequence" => $"wrong order in {expected.What} (on the grader's inputs)",
        _ => $"wrong value {expected.What} (on the grader's inputs)",
    });

    /// <summary>One line of a submission's own words, cut to a length a table cell holds.</summary>
    private static string Quote(string text)
    {
        string line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        return line.Length <= MaxQuotedChars ? line : line[..MaxQuotedChars] + "…";
    }
}
