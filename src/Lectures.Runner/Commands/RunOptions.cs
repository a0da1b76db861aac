namespace Lectures.Runner.Commands;

/// <summary>The main verb's command line, checked.</summary>
/// <param name="Paths">Notebooks or folders to run, as given (the repository's <c>notebooks/</c> when none was).</param>
/// <param name="OutputDirectory">Where the outputs go, full path.</param>
/// <param name="CellTimeout">How long a cell may run from its start.</param>
/// <param name="Jobs">Notebooks run at once.</param>
/// <param name="MemoryLimitBytes">Each worker's heap limit.</param>
/// <param name="CheckOnly">Read and check everything, run nothing.</param>
/// <param name="Sandbox">Run each notebook in a bubblewrap sandbox (<c>--sandbox</c>).</param>
internal sealed record RunOptions(IReadOnlyList<string> Paths, string OutputDirectory, TimeSpan CellTimeout, int Jobs, long MemoryLimitBytes, bool CheckOnly, bool Sandbox = false);
