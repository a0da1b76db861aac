namespace Lectures.Runner.Execution;

/// <summary>
/// Sandboxed workers started before their notebooks are known, so that a class's submissions do
/// not wait on start-up: each one taken is replaced at once by a new one starting. A sandboxed
/// worker sees nothing of its notebook until it is given one, so one fits any submission.
/// </summary>
internal sealed class WarmPool : IDisposable
{
    private readonly Queue<WorkerLaunch> _ready = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Starts <paramref name="size"/> workers with <paramref name="settings"/>, which must ask for a sandbox.</summary>
    public WarmPool(RunSettings settings, int size)
    {
        if (settings.Sandbox is null)
        {
            throw new ArgumentException("A warm pool holds sandboxed workers only: an unsandboxed one runs in its notebook's folder.", nameof(settings));
        }

        Settings = settings;
        for (int i = 0; i < size; i++)
        {
            _ready.Enqueue(WorkerLaunch.Start(null, settings));
        }
    }

    public RunSettings Settings { get; }

    /// <summary>The longest-started worker; a new one starts in its place.</summary>
    public WorkerLaunch Take()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            WorkerLaunch next = _ready.Count > 0 ? _ready.Dequeue() : WorkerLaunch.Start(null, Settings);
            _ready.Enqueue(WorkerLaunch.Start(null, Settings));
            return next;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (WorkerLaunch launch in _ready)
            {
                launch.Dispose();
            }

            _ready.Clear();
        }
    }
}
