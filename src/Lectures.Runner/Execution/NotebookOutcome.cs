namespace Lectures.Runner.Execution;

/// <summary>How a notebook's run ended.</summary>
internal enum NotebookOutcome
{
    /// <summary>Every code cell ran without an error.</summary>
    Completed,

    /// <summary>A cell failed (an exception, a compile error); the kernel was still alive.</summary>
    CellFailed,

    /// <summary>The worker process ended during a cell (stack overflow, exit, unhandled exception, out of memory).</summary>
    Crashed,

    /// <summary>A cell ran past its timeout and the worker was stopped.</summary>
    TimedOut,

    /// <summary>The run was cancelled (SIGINT, SIGTERM) and the worker was stopped.</summary>
    Cancelled,
}
