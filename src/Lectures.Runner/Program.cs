using System.Diagnostics;
using System.Globalization;
using Autograd.Charts;
using Lectures.Runner;
using Lectures.Runner.Sandboxing;

// Runs each notebook in a worker process of its own, from the notebook's folder, and writes the
// executed notebook and a static page, never over a source. Exit code: 0 all ran, 1 a cell failed
// or a worker ended, 2 bad usage or an unreadable notebook (before anything runs), 130/143 when
// stopped by SIGINT/SIGTERM; the other notebooks run either way.
if (args is [WorkerProtocol.WorkerVerb, string socketPath])
{
    // The worker keeps the machine's culture, as the notebook editors' kernels do.
    return await KernelWorker.RunAsync(socketPath);
}

// The runner's own messages read the same on every machine.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
using var stderr = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };
var output = new Lock();
void Say(StreamWriter writer, string line)
{
    lock (output)
    {
        writer.WriteLine(line);
    }
}

try
{
    return await RunAsync();
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    Say(stderr, $"error: the runner failed: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
    return 2;
}

async Task<int> RunAsync()
{
    string root = LibraryReferences.RepositoryRoot ?? Environment.CurrentDirectory;
    if (args is ["grade", .. string[] gradeArgs])
    {
        return await GradeCommand.RunAsync(gradeArgs, root, stdout, stderr);
    }

    if (args is ["student", .. string[] studentArgs])
    {
        return StudentCommand.Run(studentArgs, root, stdout, stderr);
    }

    RunnerOptions? options = RunnerOptions.Parse(args, root, out string? usageError, out bool help);
    if (help)
    {
        Say(stdout, RunnerOptions.Usage);
        return 0;
    }

    if (options is null)
    {
        Say(stderr, $"error: {usageError}\n\n{RunnerOptions.Usage}");
        return 2;
    }

    if (OutputFolderProblem(options.OutputDirectory) is string unusable)
    {
        Say(stderr, $"error: --out {options.OutputDirectory}: {unusable}");
        return 2;
    }

    int exitCode = 0;
    NotebookSources sources = NotebookSources.Collect(options.Paths, options.OutputDirectory);
    foreach (string error in sources.Errors)
    {
        Say(stderr, $"error: {error}");
        exitCode = 2;
    }

    string[] overSources = [.. sources.OutputsOverSources(options.OutputDirectory)];
    foreach (string refusal in overSources)
    {
        Say(stderr, $"error: {refusal}");
    }

    if (overSources.Length > 0)
    {
        return 2;
    }

    if (sources.Found.Count == 0 && exitCode == 0)
    {
        Say(stderr, $"error: no notebooks in {string.Join(", ", options.Paths)}.");
        return 2;
    }

    // Every notebook is read and checked before any runs.
    var notebooks = new List<(NotebookSources.Source Source, NotebookFile File)>();
    foreach (NotebookSources.Source source in sources.Found)
    {
        try
        {
            notebooks.Add((source, NotebookFile.Load(source.Path)));
        }
        catch (NotebookFormatException e)
        {
            Say(stderr, $"error: {e.Message}");
            exitCode = 2;
        }
    }

    if (options.CheckOnly)
    {
        Say(stdout, $"{notebooks.Count} of {sources.Found.Count} notebook(s) readable, exit code {exitCode}");
        return exitCode;
    }

    // Notebooks with solution regions are also handed out: their student versions go to a folder
    // of their own under --out, which a teacher can share as it is.
    exitCode = Math.Max(exitCode, StudentVersions.Write(
        [.. notebooks.Select(n => (n.Source.Path, Path.Combine(options.OutputDirectory, "student", n.Source.Relative), false))], stdout, stderr, out _));

    // A notebook from elsewhere runs sandboxed on request: it sees the course library's build, not the repository.
    SandboxPolicy? sandbox = null;
    if (options.Sandbox)
    {
        if (Bubblewrap.Problem() is { } problem)
        {
            Say(stderr, $"error: {problem}.");
            return 2;
        }

        sandbox = SandboxPolicy.For(
            SandboxLimits.Default(options.MemoryLimitBytes),
            notebooks.SelectMany(n => LibraryReferences.Resolve(n.File, out _, out _) is { } code ? LibraryReferences.Folders(code) : [])
                .Where(f => LibraryReferences.RepositoryRoot is { } r && RealPath.IsInside(RealPath.Of(f), RealPath.Of(Path.Combine(r, "src")))));
    }

    using var signals = new StopSignals();

    bool named = options.Jobs > 1;
    var settings = new RunSettings(options.CellTimeout, MemoryLimitBytes: options.MemoryLimitBytes, Sandbox: sandbox);
    string startDirectory = Environment.CurrentDirectory;
    var failures = new string?[notebooks.Count];
    var outcomes = new NotebookOutcome?[notebooks.Count];
    Stopwatch total = Stopwatch.StartNew();
    using var slots = new SemaphoreSlim(options.Jobs);
    await Task.WhenAll(notebooks.Select(async (entry, index) =>
    {
        await slots.WaitAsync(CancellationToken.None);
        try
        {
            if (signals.Token.IsCancellationRequested)
            {
                return;
            }

            (NotebookSources.Source source, NotebookFile notebook) = entry;
            string prefix = named ? $"{source.Relative} " : "  ";
            int codeCells = notebook.Cells.Count(c => c.IsCode);
            Say(stdout, $"{source.Relative} ({codeCells} code cells)");
            Stopwatch clock = Stopwatch.StartNew();
            NotebookRun run = await IsolatedNotebookRunner.RunAsync(notebook, settings, (cell, result) =>
            {
                string status = result.Succeeded ? "ok    " : "FAILED";
                Say(stdout, string.Create(CultureInfo.InvariantCulture, $"{prefix}[{result.ExecutionCount,2}/{codeCells}] {status} {result.Elapsed.TotalSeconds,6:0.00} s  cell {cell.Number}: {Shorten(cell.FirstLine)}"));
            }, signals.Token);
            outcomes[index] = run.Outcome;
            if (run.Outcome == NotebookOutcome.Cancelled)
            {
                return;
            }

            if (run.Failure is not null)
            {
                failures[index] = $"{source.Relative}: {run.Failure}";
                Say(stderr, $"{(named ? string.Empty : "  ")}{failures[index]}");
            }

            string[] outputs = NotebookSources.Outputs(options.OutputDirectory, source);
            AtomicFile.WriteAllText(outputs[0], notebook.ToExecutedJson(run.Cells));
            string? plotlyJs = PlotlyScript.Read(run.PlotlyAssemblyPath);
            AtomicFile.WriteAllText(outputs[1], HtmlPage.Render(notebook, run.Cells, plotlyJs));
            AtomicFile.WriteAllText(outputs[2], SlideDeck.Render(notebook, run.Cells, plotlyJs));
            Say(stdout, string.Create(CultureInfo.InvariantCulture, $"{prefix}wrote {Path.GetRelativePath(startDirectory, outputs[0])} and {Path.GetFileName(outputs[1])} ({clock.Elapsed.TotalSeconds:0.0} s)"));
        }
        finally
        {
            slots.Release();
        }
    }));

    if (signals.ExitCode != 0)
    {
        string Names(Func<NotebookOutcome?, bool> which) =>
            string.Join(", ", notebooks.Where((_, i) => which(outcomes[i])).Select(n => n.Source.Relative).DefaultIfEmpty("none"));
        Say(stderr, $"\nstopped by {signals.SignalName}: finished {Names(o => o is not null and not NotebookOutcome.Cancelled)}; "
            + $"stopped {Names(o => o == NotebookOutcome.Cancelled)} (nothing written for it); not started {Names(o => o is null)}.");
        return signals.ExitCode;
    }

    string[] failed = [.. failures.OfType<string>()];
    if (failed.Length > 0)
    {
        exitCode = Math.Max(exitCode, 1);
        Say(stderr, $"\n{failed.Length} notebook(s) failed:");
        foreach (string failure in failed)
        {
            Say(stderr, $"  {failure}");
        }
    }

    Say(stdout, string.Create(CultureInfo.InvariantCulture, $"{notebooks.Count} notebook(s) in {total.Elapsed.TotalSeconds:0.0} s, exit code {exitCode}"));
    return exitCode;
}

// Creates --out and writes a file there before any notebook runs, so an unusable folder is
// reported at once rather than after the first notebook's work.
static string? OutputFolderProblem(string folder)
{
    if (File.Exists(folder))
    {
        return "is a file, not a folder.";
    }

    try
    {
        Directory.CreateDirectory(folder);
        string probe = Path.Combine(folder, $".lectures-runner-write-check-{Guid.NewGuid():N}");
        using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
        {
        }

        return null;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
    {
        return $"cannot be created or written ({e.Message.Split('\n')[0]})";
    }
}

static string Shorten(string line) => line.Length <= 60 ? line : line[..57] + "...";
