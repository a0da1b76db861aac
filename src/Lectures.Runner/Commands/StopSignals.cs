using System.Runtime.InteropServices;

namespace Lectures.Runner.Commands;

/// <summary>
/// Turns SIGINT and SIGTERM into a cancellation, so that a command stops its workers, removes its
/// temporary files and says what finished instead of dying mid-write; it then exits 130 or 143, as
/// a shell expects of a process stopped by those signals.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;
    private int _exitCode;

    public StopSignals()
    {
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>130 after SIGINT, 143 after SIGTERM, 0 while no signal came.</summary>
    public int ExitCode => Volatile.Read(ref _exitCode);

    /// <summary>The name of the signal that stopped the command, for its last message.</summary>
    public string SignalName => ExitCode == 130 ? "SIGINT" : "SIGTERM";

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Interlocked.CompareExchange(ref _exitCode, context.Signal == PosixSignal.SIGINT ? 130 : 143, 0);
        _stop.Cancel();
    }
}
