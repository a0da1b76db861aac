using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Lectures.Runner.Sandboxing;

namespace Lectures.Runner;

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
    /// Runs every code cell of <paramref name="notebook"/> in order. Never throws for anything the
    /// notebook does; <see cref="NotebookRun.Failure"/> says in one line what went wrong.
    /// </summary>
    public static async Task<NotebookRun> RunAsync(NotebookFile notebook, RunSettings settings, Action<NotebookCell, CellResult>? onCellFinished, CancellationToken cancellationToken, WarmPool? pool = null)
    {
        IReadOnlyDictionary<int, string>? code = LibraryReferences.Resolve(notebook, out string? missing, out int? missingCell);
        if (code is null)
        {
            return new NotebookRun(new Dictionary<int, CellResult>(), NotebookOutcome.CellFailed, missing, missingCell);
        }

        List<NotebookCell> cells = [.. notebook.Cells.Where(c => c.IsCode)];
        if (cells.Count == 0)
        {
            return new NotebookRun(new Dictionary<int, CellResult>(), NotebookOutcome.Completed, null, null);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return new NotebookRun(new Dictionary<int, CellResult>(), NotebookOutcome.Cancelled, "stopped before it started", null);
        }

        // A worker from the pool was started before this notebook was known; a fresh one starts now.
        using Started started = pool is not null && pool.Settings.Sandbox is not null && settings.Sandbox is not null
            ? await pool.TakeAsync(cancellationToken)
            : await Started.StartAsync(settings, Path.GetDirectoryName(notebook.Path)!, cancellationToken);
        if (started.Failure is { } failure)
        {
            return new NotebookRun(new Dictionary<int, CellResult>(), failure.Outcome, failure.Text, cells[0].Number);
        }

        if (settings.Sandbox is not null)
        {
            // The sandbox's own copy of the notebook, in the folder it sees as its working folder.
            File.Copy(notebook.Path, Path.Combine(started.NotebookFolder, Path.GetFileName(notebook.Path)), overwrite: true);
        }

        return await RunCellsAsync(started, cells, code, settings, onCellFinished, cancellationToken);
    }

    private static async Task<NotebookRun> RunCellsAsync(
        Started ready, List<NotebookCell> cells, IReadOnlyDictionary<int, string> code, RunSettings settings,
        Action<NotebookCell, CellResult>? onCellFinished, CancellationToken cancellationToken)
    {
        var results = new Dictionary<int, CellResult>();
        Session session = ready.Session!;
        WorkerProcess worker = ready.Worker!;
        SandboxedLaunch? sandbox = ready.Sandbox;
        Socket connection = ready.Connection!;
        StreamReader reader = ready.Reader!;
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
                    return session.With(new NotebookRun(results, NotebookOutcome.Cancelled, $"stopped before cell {cell.Number}", cell.Number));
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
                NotebookRun? stop = null;
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
                        stop = new NotebookRun(results, NotebookOutcome.TimedOut, $"cell {cell.Number} ({cell.FirstLine}) failed: {error}", cell.Number);
                        break;
                    case CellEndKind.Cancelled:
                        error = "The run was stopped during this cell.";
                        worker.Kill();
                        collector.AddError("Cancelled", error);
                        stop = new NotebookRun(results, NotebookOutcome.Cancelled, $"stopped during cell {cell.Number}", cell.Number);
                        break;
                    case CellEndKind.Ended:
                        string cause = await session.CauseAsync();
                        error = $"The kernel process ended during this cell: {cause}.";
                        collector.AddError("KernelProcessEnded", error);
                        stop = new NotebookRun(results, NotebookOutcome.Crashed, $"the kernel process ended during cell {cell.Number} ({cell.FirstLine}): {cause}", cell.Number);
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

            return session.With(new NotebookRun(results, outcome, failure, failedCell));
        }
    }

    internal enum CellEndKind
    {
        Finished,
        TimedOut,
        Cancelled,
        Ended,
    }

    internal readonly record struct CellEnd(CellEndKind Kind, string? Error);

    /// <summary>How a worker's start failed: the outcome and the one line that says why.</summary>
    internal readonly record struct StartFailure(NotebookOutcome Outcome, string Text);

    /// <summary>
    /// A worker whose kernel is up and connected, not yet given a notebook (or why it could not be
    /// started): everything it holds, the temporary folder with its socket first, goes with it.
    /// </summary>
    internal sealed class Started : IDisposable
    {
        private DirectoryInfo? _temporary;
        private Socket? _listener;

        public StartFailure? Failure { get; private set; }

        public SandboxedLaunch? Sandbox { get; private set; }

        public WorkerProcess? Worker { get; private set; }

        public Socket? Connection { get; private set; }

        public StreamReader? Reader { get; private set; }

        public Session? Session { get; private set; }

        /// <summary>The worker's working folder on the host: the notebook's own folder, or for a sandbox the private folder it sees as /notebook.</summary>
        public string NotebookFolder { get; private set; } = string.Empty;

        /// <summary>Starts a worker (in <paramref name="notebookFolder"/>, or in a sandbox when the settings ask for one) and waits for its "ready".</summary>
        public static async Task<Started> StartAsync(RunSettings settings, string? notebookFolder, CancellationToken cancellationToken)
        {
            var started = new Started
            {
                // A folder only this user can enter (mode 0700) holds the socket, so no other user can talk to the worker.
                _temporary = Directory.CreateTempSubdirectory("lectures-runner-"),
            };
            try
            {
                await started.StartAsync(settings, notebookFolder, Path.Combine(started._temporary.FullName, "kernel.sock"), cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
            {
                started.Failure ??= cancellationToken.IsCancellationRequested
                    ? new StartFailure(NotebookOutcome.Cancelled, "stopped before its first cell")
                    : new StartFailure(NotebookOutcome.Crashed, $"the kernel process could not be started ({e.Message})");
            }

            return started;
        }

        public void Dispose()
        {
            Reader?.Dispose();
            Connection?.Dispose();
            Worker?.Dispose();
            Sandbox?.Dispose();
            _listener?.Dispose();
            try
            {
                _temporary?.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Already gone.
            }
        }

        private async Task StartAsync(RunSettings settings, string? notebookFolder, string socketPath, CancellationToken cancellationToken)
        {
            long memoryLimit = settings.MemoryLimitBytes ?? RunSettings.DefaultMemoryLimitBytes;
            _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            _listener.Listen(1);
            Sandbox = settings.Sandbox is null ? null : new SandboxedLaunch(settings.Sandbox);
            NotebookFolder = Sandbox is null ? notebookFolder ?? Environment.CurrentDirectory : Directory.CreateDirectory(Path.Combine(_temporary!.FullName, "notebook")).FullName;
            try
            {
                Worker = new WorkerProcess(NotebookFolder, socketPath, memoryLimit, Sandbox);
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
            {
                Failure = new StartFailure(NotebookOutcome.Crashed, $"the kernel process could not be started ({e.Message})");
                return;
            }

            Session = new Session(Worker, memoryLimit, Sandbox);

            // Start-up: the worker connects and says "ready" once its kernel is up.
            using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            startup.CancelAfter(RunSettings.StartupTimeout);
            try
            {
                Task<Socket> accept = _listener.AcceptAsync(startup.Token).AsTask();
                if (await Task.WhenAny(accept, Worker.Exited) != accept)
                {
                    Failure = new StartFailure(NotebookOutcome.Crashed, $"the kernel process ended before its first cell: {await Session.CauseAsync()}");
                    return;
                }

                Connection = await accept;

                // Connected: the socket's name is no longer needed, so nothing is left behind even if the runner is killed.
                File.Delete(socketPath);
                Reader = new StreamReader(new NetworkStream(Connection, ownsSocket: false), Encoding.UTF8);
                JsonObject? ready = await Session.ReadAsync(Reader, startup.Token);
                if (ready is null || WorkerProtocol.Text(ready, "t") != "ready")
                {
                    Failure = new StartFailure(NotebookOutcome.Crashed, $"the kernel process ended before its first cell: {await Session.CauseAsync()}");
                }
            }
            catch (OperationCanceledException)
            {
                Failure = cancellationToken.IsCancellationRequested
                    ? new StartFailure(NotebookOutcome.Cancelled, "stopped before its first cell")
                    : new StartFailure(NotebookOutcome.Crashed, $"the kernel process did not start within {RunSettings.StartupTimeout.TotalSeconds:0} s");
            }
        }
    }

    /// <summary>
    /// Sandboxed workers started before their notebooks are known, so that a class's submissions do
    /// not wait on start-up: each one taken is replaced at once by a new one starting in the background.
    /// A sandboxed worker sees nothing of its notebook until it is given one, so one fits any submission.
    /// </summary>
    internal sealed class WarmPool : IDisposable
    {
        private readonly Queue<Task<Started>> _ready = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Lock _gate = new();
        private bool _disposed;

        /// <summary>Starts <paramref name="size"/> workers with <paramref name="settings"/> (which must ask for a sandbox).</summary>
        public WarmPool(RunSettings settings, int size)
        {
            Settings = settings;
            for (int i = 0; i < size; i++)
            {
                _ready.Enqueue(Started.StartAsync(settings, null, _stop.Token));
            }
        }

        public RunSettings Settings { get; }

        /// <summary>The longest-started worker; a new one starts in its place.</summary>
        public async Task<Started> TakeAsync(CancellationToken cancellationToken)
        {
            Task<Started> next;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                next = _ready.Count > 0 ? _ready.Dequeue() : Started.StartAsync(Settings, null, _stop.Token);
                _ready.Enqueue(Started.StartAsync(Settings, null, _stop.Token));
            }

            return await next.WaitAsync(cancellationToken);
        }

        public void Dispose()
        {
            Task<Started>[] left;
            lock (_gate)
            {
                _disposed = true;
                left = [.. _ready];
                _ready.Clear();
            }

            _stop.Cancel();
            foreach (Task<Started> task in left)
            {
                try
                {
                    task.GetAwaiter().GetResult().Dispose();
                }
                catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
                {
                    // It never started.
                }
            }

            _stop.Dispose();
        }
    }

    /// <summary>What the runner learns from one worker while it runs: its last words and where its Plotly.NET is.</summary>
    internal sealed class Session(WorkerProcess worker, long memoryLimit, SandboxedLaunch? sandbox)
    {
        private readonly Dictionary<int, IReadOnlyList<string>> _answers = [];
        private string? _fatal;
        private string? _plotly;

        public NotebookRun With(NotebookRun run) => run with { PlotlyAssemblyPath = _plotly, Answers = _answers };

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
                if (message is not null && WorkerProtocol.Text(message, "t") == "fatal")
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

                    switch (WorkerProtocol.Text(message, "t"))
                    {
                        case "started":
                            started = Stopwatch.GetTimestamp();
                            clock.CancelAfter(timeout);
                            break;
                        case "answers":
                            // Kept apart from the outputs: the grader compares them, nothing shows them.
                            if (WorkerProtocol.Text(message, "record") is { } record)
                            {
                                List<string> records = _answers.TryGetValue(cellNumber, out IReadOnlyList<string>? known) ? [.. known, record] : [record];
                                _answers[cellNumber] = records;
                            }

                            break;
                        case "finished":
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
                return (new CellEnd(CellEndKind.TimedOut, null), started);
            }
        }

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
