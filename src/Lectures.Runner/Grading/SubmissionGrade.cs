namespace Lectures.Runner.Grading;

/// <summary>One row of the grade table.</summary>
/// <param name="Submission">The submission's path under the submissions folder, with <c>/</c> between folders.</param>
/// <param name="Exercises">The grade of each exercise by id; empty for a malformed submission.</param>
/// <param name="Run">How the run went, in words: <c>completed</c>, <c>crashed: ...</c>, <c>timed out: ...</c>, <c>malformed: ...</c>.</param>
/// <param name="Page">The executed submission's page, relative to the output folder; null when it was not run.</param>
internal sealed record SubmissionGrade(string Submission, IReadOnlyDictionary<string, ExerciseGrade> Exercises, string Run, string? Page)
{
    public int Passed => Exercises.Values.Count(g => g.Status == ExerciseStatus.Passed);

    /// <summary>A file that is not a notebook the grader can match with the assignment.</summary>
    public static SubmissionGrade Malformed(string submission, string reason) =>
        new(submission, new Dictionary<string, ExerciseGrade>(), $"malformed: {reason}", null);

    /// <summary>A submission the grader could not finish with (its output could not be written, say).</summary>
    public static SubmissionGrade NotGraded(string submission, string reason) =>
        new(submission, new Dictionary<string, ExerciseGrade>(), $"not graded: {reason}", null);
}
