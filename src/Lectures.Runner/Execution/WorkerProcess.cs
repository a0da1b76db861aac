using System.Diagnostics;
using System.Globalization;
using System.Text;
using Lectures.Runner.Sandboxing;

namespace Lectures.Runner.Execution;

/// <summary>
/// A started worker: the runner's own executable with the hidden worker verb, in the notebook's
/// folder (where VS Code and Jupyter start a kernel), with a heap limit. Its stdout and stderr
/// are not the protocol; their last lines are kept to say why the process ended.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private const int TailChars = 16 * 1024;
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _stdout = new();

    /// <summary>Starts the worker in <paramref name="workingDirectory"/>; with <paramref name="sandbox"/>, inside it, seeing that folder (as its working folder) and the socket only.</summary>
    public WorkerProcess(string workingDirectory, string socketPath, long memoryLimitBytes, SandboxedLaunch? sandbox = null)
    {
        string host = Environment.ProcessPath ?? "dotnet";
        List<string> command = [host];
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.Ordinal))
        {
            command.Add(typeof(WorkerProcess).Assembly.Location);
        }

        command.Add(WorkerProtocol.WorkerVerb);
        string heapLimit = "0x" + memoryLimitBytes.ToString("X", CultureInfo.InvariantCulture);
        ProcessStartInfo start;
        if (sandbox is null)
        {
            start = new ProcessStartInfo(host) { WorkingDirectory = workingDirectory };
            foreach (string arg in command.Skip(1).Append(socketPath))
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["DOTNET_GCHeapHardLimit"] = heapLimit;
        }
        else
        {
            start = sandbox.Start([.. command, SandboxedLaunch.InnerSocket], socketPath, workingDirectory, new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = heapLimit });
        }

        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(_stderr, e.Data);
        // bubblewrap's --die-with-parent is the kernel's parent-death signal, which fires when the
        // thread that started the process ends, not the process: a thread-pool thread retiring under
        // load would kill a healthy sandbox. So a thread of its own starts it and lives as long as it.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var parent = new Thread(
            () =>
            {
                try
                {
                    _process.Start();
                }
                catch (Exception e)
                {
                    started.SetException(e);
                    return;
                }

                started.SetResult();
                _process.WaitForExit();
            })
        {
            IsBackground = true,
            Name = "worker parent",
        };
        parent.Start();
        started.Task.GetAwaiter().GetResult();
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public Task Exited => _process.WaitForExitAsync();

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The end of what the process wrote to stderr and stdout (the runtime's last words: "Stack overflow.", "Unhandled exception.").</summary>
    public string Diagnostics
    {
        get
        {
            lock (_stderr)
            {
                return _stderr + "\n" + _stdout;
            }
        }
    }

    /// <summary>Waits up to <paramref name="grace"/> for the process to end by itself.</summary>
    public async Task<bool> WaitAsync(TimeSpan grace)
    {
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return _process.HasExited;
        }
    }

    /// <summary>Ends the worker and everything it started.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It ended by itself in the meantime.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.WaitForExit(5000);
        RemoveRuntimeFiles(_process.Id);
        _process.Dispose();
    }

    /// <summary>
    /// The .NET runtime of a process that was killed or aborted leaves its diagnostic pipes in the
    /// temporary folder; nothing the runner starts may outlive the run.
    /// </summary>
    private static void RemoveRuntimeFiles(int processId)
    {
        foreach (string pattern in (string[])[$"clr-debug-pipe-{processId}-*", $"dotnet-diagnostic-{processId}-*"])
        {
            foreach (string file in Directory.EnumerateFiles(Path.GetTempPath(), pattern))
            {
                try
                {
                    File.Delete(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another process's file of the same name pattern, or already gone.
                }
            }
        }
    }

    private void Keep(StringBuilder tail, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stderr)
        {
            tail.Append(line).Append('\n');
            if (tail.Length > TailChars)
            {
                tail.Remove(0, tail.Length - TailChars);
            }
        }
    }
}
