namespace Autograd.Exercises;

/// <summary>
/// What a check concluded about one exercise. A grader reads the same three outcomes from the
/// verdict line, so a student and a teacher see one answer.
/// </summary>
public enum Verdict
{
    /// <summary>Every expectation of the check held.</summary>
    Correct,

    /// <summary>The code ran but gave a wrong answer or threw something other than <see cref="NotImplementedException"/>.</summary>
    NotYet,

    /// <summary>The code still throws <see cref="NotImplementedException"/>: the student has not started it.</summary>
    NotImplemented,
}
