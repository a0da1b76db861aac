namespace Lectures.Runner.Grading;

/// <summary>The words the grade table uses for each status, the same in the CSV and on the page.</summary>
internal static class ExerciseStatusText
{
    public static string Text(this ExerciseStatus status) => status switch
    {
        ExerciseStatus.Passed => "passed",
        ExerciseStatus.Failed => "failed",
        ExerciseStatus.NotAttempted => "not attempted",
        ExerciseStatus.Crashed => "crashed",
        ExerciseStatus.TimedOut => "timed out",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
