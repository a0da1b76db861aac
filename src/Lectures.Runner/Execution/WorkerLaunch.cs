using System.Net.Sockets;

namespace Lectures.Runner.Execution;

/// <summary>
/// A worker started for a notebook before the notebook's turn comes: its private socket is
/// listening and its process is starting its kernel, so that when the notebook runs, the kernel's
/// start-up (the larger part of a small notebook's time) is already paid or under way. Each launch
/// serves one notebook; disposing it ends the worker and removes its socket folder.
/// </summary>
internal sealed class WorkerLaunch : IDisposable
{
    private readonly DirectoryInfo _temporary;

    private WorkerLaunch(DirectoryInfo temporary, Socket listener, WorkerProcess? process, string? problem)
    {
        _temporary = temporary;
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

    /// <summary>Starts a worker in <paramref name="workingDirectory"/> (the notebook's folder, where editors start a kernel).</summary>
    public static WorkerLaunch Start(string workingDirectory, long memoryLimitBytes)
    {
        // A folder only this user can enter (mode 0700) holds the socket, so no other user can talk to the worker.
        DirectoryInfo temporary = Directory.CreateTempSubdirectory("lectures-runner-");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        string socketPath = Path.Combine(temporary.FullName, "kernel.sock");
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(1);
        try
        {
            return new WorkerLaunch(temporary, listener, new WorkerProcess(workingDirectory, socketPath, memoryLimitBytes), null);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return new WorkerLaunch(temporary, listener, null, $"the kernel process could not be started ({e.Message})");
        }
    }

    public void Dispose()
    {
        Process?.Dispose();
        Listener.Dispose();
        _temporary.Delete(recursive: true);
    }
}
