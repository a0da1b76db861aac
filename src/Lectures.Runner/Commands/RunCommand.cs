using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Lectures.Runner.Execution;
using Lectures.Runner.Grading;
using Lectures.Runner.Notebooks;
using Lectures.Runner.Outputs;
using Lectures.Runner.Rendering;
using Lectures.Runner.Sandboxing;

namespace Lectures.Runner.Commands;

/// <summary>
/// The main verb, <c>run</c> (also when no verb is named): runs each notebook in a worker process of its own, from the
/// notebook's folder, and writes the executed notebook, its page and its slides, never over a
/// source; notebooks with solution regions also get their student version. Exit code: 0 all ran,
/// 1 a cell failed or a worker ended, 2 bad usage or an unreadable notebook (before anything
/// runs), 130/143 when stopped by SIGINT/SIGTERM; the other notebooks run either way.
/// </summary>
internal sealed class RunCommand : IRunnerCommand
{
    private readonly string _repositoryRoot;
    private readonly Argument<string[]> _paths = SharedOptions.Paths(
        "NOTEBOOK_OR_FOLDER",
        ".ipynb files, or folders searched for them (default: the repository's notebooks/); outputs keep the notebooks' folders relative to what was given");

    private readonly Option<string> _out;
    private readonly Option<double> _cellTimeout = SharedOptions.CellTimeout("seconds a cell may run, from its start, before it is stopped and counted as failed", 300);
    private readonly Option<int> _jobs = SharedOptions.Jobs("notebooks run at once");
    private readonly Option<long> _memoryLimit = SharedOptions.MemoryLimit();
    private readonly Option<bool> _check = new("--check") { Description = "read and check the notebooks and options, run nothing" };
    private readonly Option<bool> _sandbox = new("--sandbox") { Description = "run each notebook in a bubblewrap sandbox, as grade runs submissions (for notebooks from elsewhere)" };

    public RunCommand(string repositoryRoot)
    {
        _repositoryRoot = repositoryRoot;
        _out = SharedOptions.Out("where to write the results", Path.Combine(repositoryRoot, "artifacts", "lectures"));
        Command = new Command(Name, """
            Runs .NET Interactive C# notebooks headlessly, each in its own process, and writes each one executed (.ipynb), as a static web page (.html) and as slides (.slides.html).
            Notebooks with // BEGIN SOLUTION regions also get a student version in student/ under --out.

            Exit code: 0 when every cell of every notebook ran, 1 when a cell failed or a notebook's process ended (the other notebooks still run), 2 for bad usage, an unusable --out or a notebook that cannot be read (before anything runs), 130 or 143 when stopped by SIGINT or SIGTERM.
            """)
        {
            _paths, _out, _cellTimeout, _jobs, _memoryLimit, _check, _sandbox,
        };
    }

    /// <summary>The verb's name, which may be left out.</summary>
    public const string Name = "run";

    public Command Command { get; }

    /// <summary>The checked options of a parsed command line.</summary>
    public RunOptions Bind(ParseResult parsed)
    {
        return new RunOptions(
            SharedOptions.NotebooksOrDefault(parsed, _paths, _repositoryRoot),
            Path.GetFullPath(parsed.GetRequiredValue(_out)),
            SharedOptions.Timeout(parsed, _cellTimeout),
            parsed.GetValue(_jobs),
            SharedOptions.Bytes(parsed, _memoryLimit),
            parsed.GetValue(_check),
            parsed.GetValue(_sandbox));
    }

    public Task<int> RunAsync(ParseResult parsed, CommandContext context) => RunAsync(Bind(parsed), context);

    private static async Task<int> RunAsync(RunOptions options, CommandContext context)
    {
        TextWriter stdout = context.Out, stderr = context.Err;
        if (OutputFolder.Problem(options.OutputDirectory) is string unusable)
        {
            stderr.WriteLine($"error: --out {options.OutputDirectory}: {unusable}");
            return 2;
        }

        int exitCode = 0;
        NotebookSources sources = NotebookSources.Collect(options.Paths, options.OutputDirectory);
        foreach (string error in sources.Errors)
        {
            stderr.WriteLine($"error: {error}");
            exitCode = 2;
        }

        string[] overSources = [.. sources.OutputsOverSources(s => Outputs(options, s).Files)];
        foreach (string refusal in overSources)
        {
            stderr.WriteLine($"error: {refusal}");
        }

        if (overSources.Length > 0)
        {
            return 2;
        }

        if (sources.Found.Count == 0 && exitCode == 0)
        {
            stderr.WriteLine($"error: no notebooks in {string.Join(", ", options.Paths)}.");
            return 2;
        }

        // Every notebook is read and checked before any runs, and read only this once.
        var notebooks = new List<(NotebookSources.Source Source, NotebookDocument Notebook)>();
        foreach (NotebookSources.Source source in sources.Found)
        {
            try
            {
                notebooks.Add((source, NotebookDocument.Load(source.Path)));
            }
            catch (NotebookFormatException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                exitCode = 2;
            }
        }

        if (options.CheckOnly)
        {
            stdout.WriteLine($"{notebooks.Count} of {sources.Found.Count} notebook(s) readable, exit code {exitCode}");
            return exitCode;
        }

        // A notebook from elsewhere runs sandboxed on request: it sees the course library's build, not the repository.
        SandboxPolicy? sandbox = null;
        if (options.Sandbox)
        {
            if (Bubblewrap.Problem() is { } problem)
            {
                stderr.WriteLine($"error: {problem}.");
                return 2;
            }

            // A sandbox has no network: the packages the notebooks load are restored now, outside it.
            IReadOnlyList<(string Id, string Version)> packages = [.. notebooks.SelectMany(n => PackageRestore.Packages(n.Notebook)).Distinct()];
            if (await PackageRestore.EnsureAsync(packages, SandboxPolicy.PackagesFolderOfUser(), CancellationToken.None) is { } unrestored)
            {
                stderr.WriteLine($"error: the packages the notebooks load could not be restored before running them, and a sandbox has no network to restore them: {unrestored}");
                return 2;
            }

            sandbox = SandboxPolicy.For(
                SandboxLimits.Default(options.MemoryLimitBytes),
                notebooks.SelectMany(n => LibraryReferences.Resolve(n.Notebook, out _, out _) is { } code ? LibraryReferences.Folders(code) : [])
                    .Where(f => LibraryReferences.RepositoryRoot is { } r && RealPath.IsInside(RealPath.Of(f), RealPath.Of(Path.Combine(r, "src")))));
        }

        using var signals = new StopSignals();
        bool named = options.Jobs > 1;
        var settings = new RunSettings(options.CellTimeout, MemoryLimitBytes: options.MemoryLimitBytes, Sandbox: sandbox);
        string startDirectory = Environment.CurrentDirectory;
        var failures = new string?[notebooks.Count];
        var outcomes = new NotebookOutcome?[notebooks.Count];
        Stopwatch total = Stopwatch.StartNew();

        // Time that would otherwise be spent waiting: each notebook's worker is started while an
        // earlier notebook still runs, the page's slow half (highlighting, markdown) is built while
        // the notebook's own cells run, and a notebook's outputs are written while the next one runs.
        var launches = new WorkerLaunch?[notebooks.Count];
        void Launch(int index)
        {
            if (index < notebooks.Count && !signals.Token.IsCancellationRequested)
            {
                lock (launches)
                {
                    launches[index] ??= WorkerLaunch.Start(notebooks[index].Notebook.Folder, settings);
                }
            }
        }

        WorkerLaunch? Take(int index)
        {
            lock (launches)
            {
                WorkerLaunch? launch = launches[index];
                launches[index] = null;
                return launch;
            }
        }

        for (int i = 0; i < Math.Min(options.Jobs, notebooks.Count); i++)
        {
            Launch(i);
        }

        // Notebooks with solution regions are also handed out: their student versions go to a folder
        // of their own under --out, which a teacher can share as it is.
        exitCode = Math.Max(exitCode, StudentVersions.Write(
            [.. notebooks.Select(n => (n.Notebook, Path.Combine(options.OutputDirectory, "student", n.Source.Relative), false))], stdout, stderr, out _));

        using var slots = new SemaphoreSlim(options.Jobs);
        await Task.WhenAll(notebooks.Select(async (entry, index) =>
        {
            await slots.WaitAsync(CancellationToken.None);
            bool released = false;
            try
            {
                if (signals.Token.IsCancellationRequested)
                {
                    return;
                }

                (NotebookSources.Source source, NotebookDocument notebook) = entry;
                string prefix = named ? $"{source.Relative} " : "  ";
                int codeCells = notebook.CodeCells.Count();
                stdout.WriteLine($"{source.Relative} ({codeCells} code cells)");
                Stopwatch clock = Stopwatch.StartNew();
                Launch(index);
                Task<SourceHtml> page = Task.Run(() => NotebookContent.Prepare(notebook));
                NotebookRun run = await IsolatedNotebookRunner.RunAsync(notebook, settings, (cell, result) =>
                {
                    // The kernel is up and its start-up's work done: the notebook that takes this slot next starts its worker now.
                    if (result.ExecutionCount == 1)
                    {
                        Launch(index + options.Jobs);
                    }

                    string status = result.Succeeded ? "ok    " : "FAILED";
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{prefix}[{result.ExecutionCount,2}/{codeCells}] {status} {result.Elapsed.TotalSeconds,6:0.00} s  cell {cell.Number}: {Shorten(cell.FirstLine)}"));
                }, signals.Token, Take(index));
                outcomes[index] = run.Outcome;
                slots.Release();
                released = true;
                if (run.Outcome == NotebookOutcome.Cancelled)
                {
                    return;
                }

                if (run.Failure is not null)
                {
                    failures[index] = $"{source.Relative}: {run.Failure}";
                    stderr.WriteLine($"{(named ? string.Empty : "  ")}{failures[index]}");
                }

                NotebookOutputs outputs = Outputs(options, source);
                outputs.Write(run.Notebook, PlotlyScript.Read(run.PlotlyAssemblyPath), await page);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{prefix}wrote {Path.GetRelativePath(startDirectory, outputs.Notebook)} and {Path.GetFileName(outputs.Page)} ({clock.Elapsed.TotalSeconds:0.0} s)"));
            }
            finally
            {
                if (!released)
                {
                    slots.Release();
                }
            }
        }));

        foreach (WorkerLaunch? unused in launches)
        {
            unused?.Dispose();
        }

        if (signals.ExitCode != 0)
        {
            string Names(Func<NotebookOutcome?, bool> which) =>
                string.Join(", ", notebooks.Where((_, i) => which(outcomes[i])).Select(n => n.Source.Relative).DefaultIfEmpty("none"));
            stderr.WriteLine($"\nstopped by {signals.SignalName}: finished {Names(o => o is not null and not NotebookOutcome.Cancelled)}; "
                + $"stopped {Names(o => o == NotebookOutcome.Cancelled)} (nothing written for it); not started {Names(o => o is null)}.");
            return signals.ExitCode;
        }

        string[] failed = [.. failures.OfType<string>()];
        if (failed.Length > 0)
        {
            exitCode = Math.Max(exitCode, 1);
            stderr.WriteLine($"\n{failed.Length} notebook(s) failed:");
            foreach (string failure in failed)
            {
                stderr.WriteLine($"  {failure}");
            }
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{notebooks.Count} notebook(s) in {total.Elapsed.TotalSeconds:0.0} s, exit code {exitCode}"));
        return exitCode;
    }

    private static NotebookOutputs Outputs(RunOptions options, NotebookSources.Source source) =>
        NotebookOutputs.For(options.OutputDirectory, source.Relative, slides: true);

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..57] + "...";
}
