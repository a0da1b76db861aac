namespace Autograd.Exercises;

/// <summary>
/// Thrown inside a check when an expectation does not hold. Its message is shown to the student
/// after <c>not yet:</c>, so it says what was expected and what came out, in words a student can act on.
/// </summary>
public sealed class ExerciseFailure : Exception
{
    /// <summary>A failure with the friendly message the student reads.</summary>
    public ExerciseFailure(string message)
        : base(message)
    {
    }

    /// <summary>A failure with no message of its own; <see cref="Exercise.Check(string, Action)"/> then says only that the check failed.</summary>
    public ExerciseFailure()
        : base("the check failed")
    {
    }

    /// <summary>A failure caused by another exception, kept for debugging; the student reads only <paramref name="message"/>.</summary>
    public ExerciseFailure(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
