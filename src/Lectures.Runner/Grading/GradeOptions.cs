namespace Lectures.Runner.Grading;

/// <summary>What a grading run is given, checked.</summary>
/// <param name="Submissions">The folder of submitted notebooks, full path.</param>
/// <param name="Assignment">The instructor's notebook whose checks decide, full path.</param>
/// <param name="OutputDirectory">Where the grade table and the executed submissions go, full path.</param>
/// <param name="CellTimeout">How long a cell may run before the submission counts as timed out.</param>
/// <param name="Jobs">Submissions graded at once.</param>
/// <param name="MemoryLimitBytes">Each submission's worker's heap limit.</param>
internal sealed record GradeOptions(string Submissions, string Assignment, string OutputDirectory, TimeSpan CellTimeout, int Jobs, long MemoryLimitBytes);
