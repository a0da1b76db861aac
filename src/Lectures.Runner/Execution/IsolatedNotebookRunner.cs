using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Lectures.Runner.Notebooks;
using Lectures.Runner.Sandboxing;

namespace Lectures.Runner.Execution;

/// <summary>
/// Runs one notebook in a worker process of its own, so that whatever a cell does to its process
/// (a stack overflow, <c>Environment.Exit</c>, an exception on another thread, exhausting memory,
/// changing the culture, environment or working directory) ends or changes that notebook only.
/// The runner owns the clock: a cell's timeout counts from the worker's "started" message and
/// ends the worker's whole process tree.
/// </summary>
internal static class IsolatedNotebookRunner
{
    /// <summary>
    /// Runs every code cell of <paramref name="notebook"/> in order and returns the notebook with
    /// each cell's result attached. Never throws for anything the notebook does;
    /// <see cref="NotebookRun.Failure"/> says in one line what went wrong.
    /// </summary>
    /// <param name="notebook">The notebook to run.</param>
    /// <param name="settings">Its timeout, memory limit and whether later cells run after a failing one.</param>
    /// <param name="onCellFinished">Called with each cell's result as it finishes.</param>
    /// <param name="cancellationToken">Stops the run (the worker is ended).</param>
    /// <param name="launch">A worker started ahead for this notebook (see <see cref="WorkerLaunch"/>); one is started here when null. Disposed either way.</param>
    public static async Task<NotebookRun> RunAsync(
        NotebookDocument notebook, RunSettings settings, Action<NotebookCell, CellResult>? onCellFinished, CancellationToken cancellationToken, WorkerLaunch? launch = null)
    {
        RunEnd end;
        using (launch)
        {
            end = await RunCellsAsync(notebook, settings, onCellFinished, launch, cancellationToken);
        }

        return new NotebookRun(notebook.WithResults(end.Results), end.Outcome, end.Failure, end.FailedCellNumber) { PlotlyAssemblyPath = end.PlotlyAssemblyPath, Answers = end.Answers };
    }

    private static async Task<RunEnd> RunCellsAsync(NotebookDocument notebook, RunSettings settings, Action<NotebookCell, CellResult>? onCellFinished, WorkerLaunch? launch, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<int, string>? code = LibraryReferences.Resolve(notebook, out string? missing, out int? missingCell);
        if (code is null)
        {
            return new RunEnd(new Dictionary<int, CellResult>(), NotebookOutcome.CellFailed, missing, missingCell);
        }

        List<NotebookCell> cells = [.. notebook.CodeCells];
        if (cells.Count == 0)
        {
            return new RunEnd(new Dictionary<int, CellResult>(), NotebookOutcome.Completed, null, null);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return new RunEnd(new Dictionary<int, CellResult>(), NotebookOutcome.Cancelled, "stopped before it started", null);
        }

        if (launch is not null)
        {
            return await RunInWorkerAsync(notebook.Path, cells, code, settings, onCellFinished, launch, cancellationToken);
        }

        using WorkerLaunch started = WorkerLaunch.Start(notebook.Folder, settings);
        return await RunInWorkerAsync(notebook.Path, cells, code, settings, onCellFinished, started, cancellationToken);
    }

    private static async Task<RunEnd> RunInWorkerAsync(
        string notebookPath, List<NotebookCell> cells, IReadOnlyDictionary<int, string> code, RunSettings settings,
        Action<NotebookCell, CellResult>? onCellFinished, WorkerLaunch launch, CancellationToken cancellationToken)
    {
        var results = new Dictionary<int, CellResult>();
        if (launch.Process is not WorkerProcess worker)
        {
            return new RunEnd(results, NotebookOutcome.Crashed, launch.Problem, cells[0].Number);
        }

        var session = new Session(worker, settings.MemoryLimit, launch.Sandbox);
        SandboxedLaunch? sandbox = launch.Sandbox;
        Socket listener = launch.Listener;
        string socketPath = launch.SocketPath;

        // Start-up: the worker connects and says "ready" once its kernel is up.
        StreamReader reader;
        Socket? connection = null;
        using (var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            startup.CancelAfter(RunSettings.StartupTimeout);
            try
            {
                Task<Socket> accept = listener.AcceptAsync(startup.Token).AsTask();
                if (await Task.WhenAny(accept, worker.Exited) != accept)
                {
                    return await session.EndedAsync(results, cells[0], "before its first cell");
                }

                connection = await accept;

                // Connected: the socket's name is no longer needed, so nothing is left behind even if the runner is killed.
                File.Delete(socketPath);
                reader = new StreamReader(new NetworkStream(connection, ownsSocket: true), Encoding.UTF8);
                JsonObject? ready = await session.ReadAsync(reader, startup.Token);
                if (ready is null || WorkerProtocol.Kind(ready) != WorkerProtocol.MessageKind.Ready)
                {
                    connection.Dispose();
                    return await session.EndedAsync(results, cells[0], "before its first cell");
                }

                if (sandbox is not null)
                {
                    // The sandbox's own copy of the notebook, in the folder it sees as its working folder.
                    File.Copy(notebookPath, Path.Combine(launch.NotebookFolder, Path.GetFileName(notebookPath)), overwrite: true);
                }
            }
            catch (OperationCanceledException)
            {
                connection?.Dispose();
                return cancellationToken.IsCancellationRequested
                    ? new RunEnd(results, NotebookOutcome.Cancelled, "stopped before its first cell", cells[0].Number)
                    : new RunEnd(results, NotebookOutcome.Crashed, $"the kernel process did not start within {RunSettings.StartupTimeout.TotalSeconds:0} s", cells[0].Number);
            }
        }

        using (reader)
        {
            var collector = new CellOutputCollector();
            NotebookOutcome outcome = NotebookOutcome.Completed;
            string? failure = null;
            int? failedCell = null;
            int executionCount = 0;
            foreach (NotebookCell cell in cells)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return session.With(new RunEnd(results, NotebookOutcome.Cancelled, $"stopped before cell {cell.Number}", cell.Number));
                }

                collector.Begin(cell.Number);
                executionCount++;
                bool isCheck = settings.GradingSeed is not null && settings.CheckCells?.Contains(cell.Number) == true;
                byte[] request = WorkerProtocol.Encode(WorkerProtocol.Run(code[cell.Number], cell.KernelName, isCheck ? settings.GradingSeed : null));
                CellEnd end;
                long started = Stopwatch.GetTimestamp();
                try
                {
                    await connection.SendAsync(request, SocketFlags.None, cancellationToken);
                    (end, started) = await session.ReadCellAsync(reader, collector, cell.Number, settings.CellTimeout, cancellationToken);
                }
                catch (SocketException)
                {
                    end = new CellEnd(CellEndKind.Ended, null);
                }
                catch (OperationCanceledException)
                {
                    end = new CellEnd(CellEndKind.Cancelled, null);
                }

                TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
                string? error = end.Error;
                RunEnd? stop = null;
                switch (end.Kind)
                {
                    case CellEndKind.Finished when error is not null:
                        if (sandbox?.ExplainError(error) is { } limit)
                        {
                            error = $"{limit}: {error}";
                            collector.AddError("SandboxLimit", limit);
                        }

                        if (outcome == NotebookOutcome.Completed)
                        {
                            (outcome, failure, failedCell) = (NotebookOutcome.CellFailed, $"cell {cell.Number} ({cell.FirstLine}) failed: {error}", cell.Number);
                        }

                        break;
                    case CellEndKind.TimedOut:
                        error = string.Create(CultureInfo.InvariantCulture, $"The cell did not finish within its timeout of {settings.CellTimeout.TotalSeconds:0.#} s and was stopped (raise it with --cell-timeout).");
                        worker.Kill();
                        collector.AddError("TimeoutError", error);
                        stop = new RunEnd(results, NotebookOutcome.TimedOut, $"cell {cell.Number} ({cell.FirstLine}) failed: {error}", cell.Number);
                        break;
                    case CellEndKind.Cancelled:
                        error = "The run was stopped during this cell.";
                        worker.Kill();
                        collector.AddError("Cancelled", error);
                        stop = new RunEnd(results, NotebookOutcome.Cancelled, $"stopped during cell {cell.Number}", cell.Number);
                        break;
                    case CellEndKind.Ended:
                        string cause = await session.CauseAsync();
                        error = $"The kernel process ended during this cell: {cause}.";
                        collector.AddError("KernelProcessEnded", error);
                        stop = new RunEnd(results, NotebookOutcome.Crashed, $"the kernel process ended during cell {cell.Number} ({cell.FirstLine}): {cause}", cell.Number);
                        break;
                }

                var result = new CellResult(executionCount, collector.Finish(), error, elapsed);
                results[cell.Number] = result;
                onCellFinished?.Invoke(cell, result);
                if (stop is not null)
                {
                    return session.With(stop);
                }

                if (error is not null && !settings.ContinueAfterFailure)
                {
                    break;
                }
            }

            return session.With(new RunEnd(results, outcome, failure, failedCell));
        }
    }

    private enum CellEndKind
    {
        Finished,
        TimedOut,
        Cancelled,
        Ended,
    }

    private readonly record struct CellEnd(CellEndKind Kind, string? Error);

    /// <summary>How the cells' run ended, before the results are attached to the notebook.</summary>
    private sealed record RunEnd(IReadOnlyDictionary<int, CellResult> Results, NotebookOutcome Outcome, string? Failure, int? FailedCellNumber)
    {
        public string? PlotlyAssemblyPath { get; init; }

        public IReadOnlyDictionary<int, IReadOnlyList<string>> Answers { get; init; } = new Dictionary<int, IReadOnlyList<string>>();
    }

    /// <summary>What the runner learns from one worker while it runs: its last words and where its Plotly.NET is.</summary>
    private sealed class Session(WorkerProcess worker, long memoryLimit, SandboxedLaunch? sandbox)
    {
        /// <summary>How long a timed-out cell's outputs may take to arrive before its worker is stopped.</summary>
        private static readonly TimeSpan TimeoutGrace = TimeSpan.FromSeconds(1);

        private readonly Dictionary<int, IReadOnlyList<string>> _answers = [];
        private string? _fatal;
        private string? _plotly;

        public RunEnd With(RunEnd run) => run with { PlotlyAssemblyPath = _plotly, Answers = _answers };

        /// <summary>The next message; null at the end of the stream or for a line that is not a message.</summary>
        public async Task<JsonObject?> ReadAsync(StreamReader reader, CancellationToken token)
        {
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(token);
                }
                catch (IOException)
                {
                    return null;
                }

                if (line is null || line.Length > WorkerProtocol.MaxLineChars)
                {
                    return null;
                }

                JsonObject? message = WorkerProtocol.Decode(line);
                if (message is not null && WorkerProtocol.Kind(message) == WorkerProtocol.MessageKind.Fatal)
                {
                    _fatal ??= WorkerProtocol.Text(message, "message");
                    continue;
                }

                return message;
            }
        }

        /// <summary>Reads one cell's messages; the timeout starts at "started".</summary>
        public async Task<(CellEnd End, long Started)> ReadCellAsync(StreamReader reader, CellOutputCollector collector, int cellNumber, TimeSpan timeout, CancellationToken cancellationToken)
        {
            long started = Stopwatch.GetTimestamp();
            using var clock = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            clock.CancelAfter(RunSettings.StartupTimeout);
            try
            {
                while (true)
                {
                    JsonObject? message = await ReadAsync(reader, clock.Token);
                    if (message is null)
                    {
                        return (new CellEnd(CellEndKind.Ended, null), started);
                    }

                    switch (WorkerProtocol.Kind(message))
                    {
                        case WorkerProtocol.MessageKind.Started:
                            started = Stopwatch.GetTimestamp();
                            clock.CancelAfter(timeout);
                            break;
                        case WorkerProtocol.MessageKind.Answers:
                            // Kept apart from the outputs: the grader compares them, nothing shows them.
                            if (WorkerProtocol.Text(message, "record") is { } record)
                            {
                                List<string> records = _answers.TryGetValue(cellNumber, out IReadOnlyList<string>? known) ? [.. known, record] : [record];
                                _answers[cellNumber] = records;
                            }

                            break;
                        case WorkerProtocol.MessageKind.Finished:
                            _plotly = WorkerProtocol.Text(message, "plotly") ?? _plotly;
                            return (new CellEnd(CellEndKind.Finished, WorkerProtocol.Text(message, "error")), started);
                        default:
                            if (!collector.Add(message))
                            {
                                return (new CellEnd(CellEndKind.Ended, null), started);
                            }

                            break;
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await DrainAsync(reader, collector, cancellationToken);
                return (new CellEnd(CellEndKind.TimedOut, null), started);
            }
        }

        /// <summary>
        /// What a cell printed before its time ran out may still be on its way from a worker that a
        /// busy machine gives little time: it gets a moment to arrive before the worker is stopped.
        /// </summary>
        private async Task DrainAsync(StreamReader reader, CellOutputCollector collector, CancellationToken cancellationToken)
        {
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            grace.CancelAfter(TimeoutGrace);
            try
            {
                while (await ReadAsync(reader, grace.Token) is { } message)
                {
                    switch (WorkerProtocol.Kind(message))
                    {
                        case WorkerProtocol.MessageKind.Finished:
                            return;
                        case WorkerProtocol.MessageKind.Started or WorkerProtocol.MessageKind.Answers:
                            // A timed-out check's answers do not count.
                            break;
                        default:
                            if (!collector.Add(message))
                            {
                                return;
                            }

                            break;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Nothing more came in time.
            }
        }

        public async Task<RunEnd> EndedAsync(Dictionary<int, CellResult> results, NotebookCell cell, string when) =>
            new(results, NotebookOutcome.Crashed, $"the kernel process ended {when}: {await CauseAsync()}", cell.Number);

        /// <summary>Why the worker ended, in words, from its exit code, its last message and what the runtime printed.</summary>
        public async Task<string> CauseAsync()
        {
            if (!await worker.WaitAsync(TimeSpan.FromSeconds(10)))
            {
                worker.Kill();
                await worker.WaitAsync(TimeSpan.FromSeconds(5));
                return "it stopped answering and was stopped";
            }

            string said = worker.Diagnostics;
            int? code = worker.ExitCode;
            if (sandbox?.LimitHit(code, (_fatal ?? string.Empty) + "\n" + said) is { } limit)
            {
                return limit;
            }

            if (said.Contains("Stack overflow", StringComparison.Ordinal))
            {
                return "stack overflow";
            }

            if ((_fatal ?? said).Contains("OutOfMemoryException", StringComparison.Ordinal) || said.Contains("Out of memory", StringComparison.OrdinalIgnoreCase))
            {
                return string.Create(CultureInfo.InvariantCulture, $"out of memory (the limit is {memoryLimit >> 20} MB; raise it with --memory-limit)");
            }

            if (_fatal is not null)
            {
                return $"an unhandled exception on another thread or in an async void method: {OneLine(_fatal)}";
            }

            string? unhandled = said.Split('\n').FirstOrDefault(l => l.StartsWith("Unhandled exception. ", StringComparison.Ordinal));
            if (unhandled is not null)
            {
                return $"an unhandled exception: {OneLine(unhandled["Unhandled exception. ".Length..])}";
            }

            return code switch
            {
                null => "it ended",
                > 128 and < 160 => string.Create(CultureInfo.InvariantCulture, $"killed by signal {code - 128}{(code == 137 ? " (SIGKILL: the system may have run out of memory)" : code == 134 ? " (SIGABRT)" : string.Empty)}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"exited with code {code}"),
            };
        }

        private static string OneLine(string text)
        {
            string line = text.Split('\n', 2)[0].Trim();
            return line.StartsWith("System.", StringComparison.Ordinal) ? line["System.".Length..] : line;
        }
    }
}
