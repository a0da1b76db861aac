namespace Lectures.Runner.Grading;

/// <summary>One exercise of one submission.</summary>
/// <param name="Status">The grade.</param>
/// <param name="Detail">What the check said ("expected 1.1915 at M, got 0.5958"), or why it did not run; null when passed.</param>
internal sealed record ExerciseGrade(ExerciseStatus Status, string? Detail);
