using System.Net.Sockets;
using Lectures.Runner.Sandboxing;

namespace Lectures.Runner.Execution;

/// <summary>
/// A worker started for a notebook before the notebook's turn comes: its private socket is
/// listening and its process is starting its kernel, so that when the notebook runs, the kernel's
/// start-up (the larger part of a small notebook's time) is already paid or under way. Each launch
/// serves one notebook; disposing it ends the worker and removes its socket folder. A sandboxed
/// worker sees nothing of its notebook until the notebook is copied into <see cref="NotebookFolder"/>,
/// so one started ahead fits any notebook (see <see cref="WarmPool"/>).
/// </summary>
internal sealed class WorkerLaunch : IDisposable
{
    private readonly DirectoryInfo _temporary;

    private WorkerLaunch(DirectoryInfo temporary, Socket listener, WorkerProcess? process, string? problem, SandboxedLaunch? sandbox, string notebookFolder)
    {
        _temporary = temporary;
        Sandbox = sandbox;
        NotebookFolder = notebookFolder;
        Listener = listener;
        Process = process;
        Problem = problem;
    }

    /// <summary>Where the worker connects.</summary>
    public string SocketPath => Path.Combine(_temporary.FullName, "kernel.sock");

    /// <summary>The socket the worker connects to; its one connection is the worker.</summary>
    public Socket Listener { get; }

    /// <summary>The started process; null when it could not be started (see <see cref="Problem"/>).</summary>
    public WorkerProcess? Process { get; }

    /// <summary>Why the process could not be started, in words.</summary>
    public string? Problem { get; }

    /// <summary>The sandbox the worker runs in; null when it runs with the runner's rights.</summary>
    public SandboxedLaunch? Sandbox { get; }

    /// <summary>The worker's working folder on the host: the notebook's own folder, or for a sandbox the private folder it sees as its working folder.</summary>
    public string NotebookFolder { get; }

    /// <summary>
    /// Starts a worker in <paramref name="workingDirectory"/> (the notebook's folder, where editors start a kernel),
    /// or, when <paramref name="settings"/> ask for a sandbox, in one with a private working folder of its own.
    /// </summary>
    public static WorkerLaunch Start(string? workingDirectory, RunSettings settings)
    {
        // A folder only this user can enter (mode 0700) holds the socket, so no other user can talk to the worker.
        DirectoryInfo temporary = Directory.CreateTempSubdirectory("lectures-runner-");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        string socketPath = Path.Combine(temporary.FullName, "kernel.sock");
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(1);
        SandboxedLaunch? sandbox = settings.Sandbox is null ? null : new SandboxedLaunch(settings.Sandbox);
        string folder = sandbox is null
            ? workingDirectory ?? Environment.CurrentDirectory
            : Directory.CreateDirectory(Path.Combine(temporary.FullName, "notebook")).FullName;
        try
        {
            return new WorkerLaunch(temporary, listener, new WorkerProcess(folder, socketPath, settings.MemoryLimit, sandbox), null, sandbox, folder);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return new WorkerLaunch(temporary, listener, null, $"the kernel process could not be started ({e.Message})", sandbox, folder);
        }
    }

    public void Dispose()
    {
        Process?.Dispose();
        Sandbox?.Dispose();
        Listener.Dispose();
        _temporary.Delete(recursive: true);
    }
}
