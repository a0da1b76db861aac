namespace Lectures.Runner.Grading;

/// <summary>An assignment or a submission the grader cannot use; the message says why in one line.</summary>
internal sealed class GradingException(string message) : Exception(message);
