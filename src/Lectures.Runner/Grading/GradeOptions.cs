namespace Lectures.Runner.Grading;

/// <summary>What a grading run is given, checked.</summary>
/// <param name="Submissions">The folder of submitted notebooks, full path.</param>
/// <param name="Assignment">The instructor's notebook whose checks decide, full path.</param>
/// <param name="OutputDirectory">Where the grade table and the executed submissions go, full path.</param>
/// <param name="CellTimeout">How long a cell may run before the submission counts as timed out.</param>
/// <param name="Jobs">Submissions graded at once.</param>
/// <param name="MemoryLimitBytes">Each submission's worker's heap limit (also the sandbox's).</param>
/// <param name="Sandbox">Run each submission in a bubblewrap sandbox of its own (false only with <c>--no-sandbox</c>).</param>
/// <param name="Seed">The seed of the checks' hidden inputs; null for a new random one.</param>
/// <param name="Shard">Grade only this shard of the submissions, and write shard.json for <c>grade merge</c>.</param>
internal sealed record GradeOptions(string Submissions, string Assignment, string OutputDirectory, TimeSpan CellTimeout, int Jobs, long MemoryLimitBytes, bool Sandbox = true, long? Seed = null, GradeShard? Shard = null);
