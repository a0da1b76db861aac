namespace Lectures.Runner.Grading;

/// <summary>What one exercise of one submission came to.</summary>
internal enum ExerciseStatus
{
    /// <summary>The check said "correct".</summary>
    Passed,

    /// <summary>The check said "not yet", or could not run against the student's code (which did not compile, say).</summary>
    Failed,

    /// <summary>The check said "not implemented yet": the stub is still there.</summary>
    NotAttempted,

    /// <summary>The check never ran because the notebook's process died first (a stack overflow, <c>Environment.Exit</c>).</summary>
    Crashed,

    /// <summary>The check never ran because a cell before it, or the check itself, did not finish in time.</summary>
    TimedOut,
}
