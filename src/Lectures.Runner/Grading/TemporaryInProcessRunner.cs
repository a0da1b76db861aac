// TEMPORARY stand-in for the isolated runner's contract, in process, so grading can be developed
// before it lands. Delete this file when Execution/ provides IsolatedNotebookRunner.
namespace Lectures.Runner;

internal sealed record RunSettings(TimeSpan CellTimeout, bool ContinueAfterFailure = false, long? MemoryLimitBytes = null);

internal enum NotebookOutcome { Completed, CellFailed, Crashed, TimedOut, Cancelled }

internal sealed record NotebookRun(IReadOnlyDictionary<int, CellResult> Cells, NotebookOutcome Outcome, string? Failure, int? FailedCellNumber);

internal static class IsolatedNotebookRunner
{
    private static readonly SemaphoreSlim s_one = new(1);

    public static async Task<NotebookRun> RunAsync(NotebookFile notebook, RunSettings settings, Action<NotebookCell, CellResult>? onCellFinished, CancellationToken cancellationToken)
    {
        await s_one.WaitAsync(cancellationToken);
        string start = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = Path.Combine(FindRoot(), "notebooks");
            using var kernel = new NotebookKernel();
            var cells = new Dictionary<int, CellResult>();
            int count = 0;
            foreach (NotebookCell cell in notebook.Cells.Where(c => c.IsCode))
            {
                CellResult result = await kernel.RunAsync(cell.Source, cell.KernelName, ++count, settings.CellTimeout);
                cells[cell.Number] = result;
                onCellFinished?.Invoke(cell, result);
                if (result.Outputs.OfType<ErrorOutput>().Any(o => o.Name == "TimeoutError"))
                {
                    return new NotebookRun(cells, NotebookOutcome.TimedOut, $"cell {cell.Number} did not finish within {settings.CellTimeout.TotalSeconds} s", cell.Number);
                }

                if (!result.Succeeded && !settings.ContinueAfterFailure)
                {
                    return new NotebookRun(cells, NotebookOutcome.CellFailed, result.Error, cell.Number);
                }
            }

            return new NotebookRun(cells, NotebookOutcome.Completed, null, null);
        }
        finally
        {
            Environment.CurrentDirectory = start;
            s_one.Release();
        }
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lectures.sln")))
            {
                return dir.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}
